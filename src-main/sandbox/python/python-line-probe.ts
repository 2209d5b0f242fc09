// Which lines of a Python job run: python/_riffle_lines.py's sys.monitoring hook, armed only while the engine
// watches a line (a step's trace, a line breakpoint), reporting each run of a watched line back here, with its
// frame: the locals a conditional breakpoint's expressions read are copied and kept in Python until the next step.
import { WatchedLines, type FrameLocals, type LineSet } from '../../engine/observe/line-probe'

/** What python/_riffle_lines.py exposes. */
export interface RiffleLinesModule {
  arm(lines: string, report: (line: number) => void): void
  disarm(): void
  breakable_lines(): string
  /** Copies those of the names (JSON list) that are locals of the frame being told; the copy's number. */
  capture_locals(names: string): number
  step_begins(): void
}

export class PythonLineProbe extends WatchedLines {
  /** Armed: Python keeps what it reported and captured this step until the next begins. */
  private armed = false
  private readonly frame: FrameLocals = { capture: (names) => this.py.capture_locals(JSON.stringify(names)) }
  private readonly report = (line: number): void => { this.ran(line, this.frame) }
  private breakable: number[] | null = null

  constructor(private readonly py: RiffleLinesModule) { super() }

  breakableLines(): number[] {
    this.breakable ??= JSON.parse(this.py.breakable_lines()) as number[]
    return this.breakable
  }

  nextStep(sameStep?: boolean): void {
    if (sameStep !== true && this.armed) this.py.step_begins()
  }

  protected arm(lines: LineSet | null): void {
    this.armed = lines !== null
    if (lines === null) this.py.disarm()
    else this.py.arm(lines === 'all' ? 'all' : JSON.stringify([...lines]), this.report)
  }
}
