// Which lines of the job's file run: the question a step's "lines run" and line breakpoints ask of a runtime
// for any line with code on it (a plain `if`, an assignment, a `return`), not only where the job calls Riffle.
// Each job language answers it with its own debugger hook (V8's inspector for TypeScript, sys.monitoring
// for Python, in sandbox/); the hook is armed only while someone watches, so an ordinary run pays nothing.
export type LineSet = ReadonlySet<number> | 'all'

/**
 * The local variables of the job's frame where a line runs (a line watched `each` time): `capture(names)` copies
 * those of `names` that are variables there, for a debugger expression evaluated after the step. What it returns
 * is opaque, for the job language's expressions (debug-expression.ts ExprContext.locals); valid until nextStep().
 */
export interface FrameLocals { capture(names: readonly string[]): unknown }

/** Called synchronously, inside the job's code, as a watched line of the job file starts to run. */
export type LineListener = (line: number, frame?: FrameLocals) => void

/**
 * Runs of an `each` line told per step (or key within one), so a conditional breakpoint in a long loop cannot
 * hold the step up for minutes (a hook costs a fraction of a millisecond per run); later runs are not told.
 */
export const EACH_RUN_LIMIT = 1000

export interface LineProbe {
  /** The job file's lines where a breakpoint can hit (lines with code that runs), ascending. */
  breakableLines(): number[]
  /**
   * Tells `onLine` when one of `lines` (or any line: 'all') runs, until the returned function is called: each
   * line at least once between two nextStep() calls, not necessarily every run (a loop's line may be told once);
   * a line of `each` at every run (up to EACH_RUN_LIMIT), with its frame's locals (a conditional breakpoint's line).
   * Throws when the runtime's hook cannot be armed (then, as from breakableLines(), with the reason).
   */
  watch(lines: LineSet, onLine: LineListener, each?: ReadonlySet<number>): () => void
  /**
   * A new step, or a new key within one (`sameStep`: what FrameLocals captured for the step's earlier keys stays):
   * lines that ran since the last call must be told again when they run. Watchers need only a line's first run in
   * each (a step's lines run, a line breakpoint's hit for its key).
   */
  nextStep(sameStep?: boolean): void
}

/**
 * The runtime-independent half of a probe: the watchers, the union of what they watch (what the runtime's
 * hook must catch, null when nobody watches) and the dispatch of a line run to the watchers that asked for it.
 */
export abstract class WatchedLines implements LineProbe {
  private readonly watchers: Array<{ lines: LineSet; onLine: LineListener; each: ReadonlySet<number> }> = []

  abstract breakableLines(): number[]
  /** Nothing to do for a hook that tells every run. */
  nextStep(_sameStep?: boolean): void {}
  /** Arms the runtime's hook for `lines` (those of `each` told at every run, with their frame), or disarms it (null). */
  protected abstract arm(lines: LineSet | null, each: ReadonlySet<number>): void

  watch(lines: LineSet, onLine: LineListener, each: ReadonlySet<number> = new Set()): () => void {
    const w = { lines, onLine, each }
    this.watchers.push(w)
    try {
      this.arm(this.union(), this.eachLines())
    } catch (e) {
      // The runtime's hook could not be armed (no inspector in this build): nobody is left watching in vain.
      this.watchers.splice(this.watchers.indexOf(w), 1)
      throw e
    }
    return () => {
      const i = this.watchers.indexOf(w)
      if (i < 0) return
      this.watchers.splice(i, 1)
      this.arm(this.union(), this.eachLines())
    }
  }

  /** The runtime's hook calls this as a line runs (with its frame for a line of `each`). */
  protected ran(line: number, frame?: FrameLocals): void {
    for (const w of this.watchers) if (w.lines === 'all' || w.lines.has(line)) w.onLine(line, frame)
  }

  private eachLines(): ReadonlySet<number> {
    return new Set(this.watchers.flatMap((w) => [...w.each]))
  }

  private union(): LineSet | null {
    if (this.watchers.length === 0) return null
    const all = new Set<number>()
    for (const w of this.watchers) {
      if (w.lines === 'all') return 'all'
      for (const l of w.lines) all.add(l)
    }
    return all
  }
}
