// Which lines of a Python job run: python/_riffle_lines.py's sys.monitoring hook, armed only while the engine
// watches a line (a step's trace, a line breakpoint), reporting each run of a watched line back here.
import { WatchedLines, type LineSet } from '../../engine/observe/line-probe'

/** What python/_riffle_lines.py exposes. */
export interface RiffleLinesModule {
  arm(lines: string, report: (line: number) => void): void
  disarm(): void
  breakable_lines(): string
}

export class PythonLineProbe extends WatchedLines {
  private readonly report = (line: number): void => { this.ran(line) }
  private breakable: number[] | null = null

  constructor(private readonly py: RiffleLinesModule) { super() }

  breakableLines(): number[] {
    this.breakable ??= JSON.parse(this.py.breakable_lines()) as number[]
    return this.breakable
  }

  protected arm(lines: LineSet | null): void {
    if (lines === null) this.py.disarm()
    else this.py.arm(lines === 'all' ? 'all' : JSON.stringify([...lines]), this.report)
  }
}
