// Which lines of a TypeScript/JavaScript job run, from V8's own debugger in this thread: a breakpoint on every
// break location of the watched lines whose *condition* tells the probe the line ran and is false, so the
// thread never pauses (pausing a thread on itself would hang it). Locations come from
// Debugger.getPossibleBreakpoints on the compiled job, mapped to the job file's lines through its source map.
// The debugger is enabled only while a line is watched, and disabled again after: an ordinary run pays nothing.
// V8 evaluates a condition by compiling it afresh at every hit (a fraction of a millisecond), so a watched line
// in a loop would cost that at each iteration (a 200 000-iteration loop took minutes): a line that runs a second
// time before the next step is parked (its breakpoints removed, from inside the condition, which V8 allows) and
// set again at nextStep(). Watchers need only its first run in a step (line-probe.ts), but for a line watched `each`
// time (a conditional breakpoint's): its condition passes a function that reads the frame's locals by name (a direct
// eval, run inside the condition's own scope), told at every run up to EACH_RUN_LIMIT, then parked.
import { Session } from 'node:inspector'
import { RiffleError } from '../common/errors'
import { COPY, ObjectCopier } from '../engine/runtime/object-copy'
import { EACH_RUN_LIMIT, WatchedLines, type FrameLocals, type LineSet } from '../engine/observe/line-probe'
import { functionAt } from './script-syntax'

/** Maps a compiled position (script's 0-based line, 0-based column) to the job file's line, or null. */
export type JobLineOf = (scriptLine: number, column: number) => number | null

interface Location { scriptId: string; lineNumber: number; columnNumber: number; type?: string }

/** The global a breakpoint condition calls: `__riffleLineRan(probe, line)`, always false. */
const DISPATCH = '__riffleLineRan'
const probes = new Map<number, V8LineProbe>()
let nextProbe = 0

let session: Session | null = null
/** Script ids by the file name a script was compiled with (the job's unique vm file name). */
const scripts = new Map<string, string>()
/** Armed probes (the debugger stays enabled while there is one). */
let armedCount = 0

export class V8LineProbe extends WatchedLines {
  private readonly id = ++nextProbe
  /** Break locations by job line (null until first asked). */
  private byLine: Map<number, Location[]> | null = null
  /** Breakpoint ids set now, by "line:column" of the compiled script. */
  private readonly set = new Map<string, string>()
  private armed = false
  /** What arm() was last asked to watch (nextStep() sets parked lines again from it). */
  private watching: LineSet | null = null
  /** Lines told since the last nextStep(), and how often; a second run parks the line (an `each` line: past the limit). */
  private readonly told = new Map<number, number>()
  /** Lines told at every run, with their frame's locals (arm()'s `each`). */
  private each: ReadonlySet<number> = new Set()
  private parked = false
  /** The function a place of the compiled script is in (script-syntax.ts functionAt), read once an `each` line needs it. */
  private functionOf: ((line: number, column: number) => number) | null = null

  constructor(private readonly vmFilename: string, private readonly jobLineOf: JobLineOf) { super() }

  breakableLines(): number[] {
    const asking = this.byLine === null && armedCount === 0
    try {
      return [...this.locations().keys()].sort((a, b) => a - b)
    } finally {
      if (asking) disable()
    }
  }

  nextStep(): void {
    this.told.clear()
    if (this.parked) {
      this.parked = false
      if (this.watching !== null) this.arm(this.watching, this.each)
    }
  }

  protected arm(lines: LineSet | null, each: ReadonlySet<number>): void {
    // A watcher came or went: every line is told again (a new watcher has not heard of any).
    if ([...each].some((l) => !this.each.has(l)) || [...this.each].some((l) => !each.has(l))) this.unsetAll()
    this.watching = lines
    this.each = each
    this.told.clear()
    if (lines === null) {
      if (!this.armed) return
      this.unsetAll()
      probes.delete(this.id)
      this.armed = false
      if (--armedCount === 0) disable()
      return
    }
    if (!this.armed) {
      if (armedCount === 0) enable()
      this.armed = true
      armedCount++
      probes.set(this.id, this)
    }
    const byLine = this.locations()
    const want = new Map<string, [Location, number]>()
    for (const [line, locs] of byLine) {
      if (lines !== 'all' && !lines.has(line)) continue
      for (const l of each.has(line) ? this.firstPerFunction(locs) : locs) want.set(`${l.lineNumber}:${l.columnNumber}`, [l, line])
    }
    for (const [at, id] of this.set) {
      if (want.has(at)) continue
      post('Debugger.removeBreakpoint', { breakpointId: id })
      this.set.delete(at)
    }
    for (const [at, [l, line]] of want) {
      if (this.set.has(at)) continue
      const r = post('Debugger.setBreakpoint', {
        location: { scriptId: l.scriptId, lineNumber: l.lineNumber, columnNumber: l.columnNumber },
        condition: each.has(line) ? `${DISPATCH}(${this.id}, ${line}, (${LOOKUP}) => eval(${LOOKUP}))` : `${DISPATCH}(${this.id}, ${line})`,
      }) as { breakpointId: string }
      this.set.set(at, r.breakpointId)
    }
  }

  private unsetAll(): void {
    for (const id of this.set.values()) post('Debugger.removeBreakpoint', { breakpointId: id })
    this.set.clear()
  }

  /** Called from a breakpoint condition, inside the job's code; `lookup` reads a local of the frame by name (an `each` line). */
  lineRan(line: number, lookup?: (name: string) => unknown): void {
    const runs = (this.told.get(line) ?? 0) + 1
    this.told.set(line, runs)
    if (runs === 1 || (lookup !== undefined && runs <= EACH_RUN_LIMIT)) {
      this.ran(line, lookup === undefined ? undefined : frameOf(lookup))
      return
    }
    // Again before the next step (a loop): its watchers know already (or heard its first EACH_RUN_LIMIT runs); park it until then.
    for (const l of this.byLine?.get(line) ?? []) {
      const at = `${l.lineNumber}:${l.columnNumber}`
      const id = this.set.get(at)
      if (id === undefined) continue
      post('Debugger.removeBreakpoint', { breakpointId: id })
      this.set.delete(at)
      this.parked = true
    }
  }

  /**
   * An `each` line's places that start a run: the first of each function on it, as a VS Code line breakpoint binds
   * to a line's first place, so a line with two calls on it is one run, not two (the locations come in the script's
   * order); but a function written on the line (`keyBy((e) => e.user_id)`) runs in its own frame, at other times
   * than the code around it (which may run only as the job is built), and each call of it is a run too, as a plain
   * breakpoint on the line (every place) hits there.
   */
  private firstPerFunction(locs: Location[]): Location[] {
    if (locs.length < 2) return locs
    if (this.functionOf === null) {
      const { scriptSource } = post('Debugger.getScriptSource', { scriptId: locs[0].scriptId }) as { scriptSource: string }
      this.functionOf = functionAt(scriptSource)
    }
    const seen = new Set<number>()
    return locs.filter((l) => {
      const fn = this.functionOf!(l.lineNumber, l.columnNumber)
      if (seen.has(fn)) return false
      seen.add(fn)
      return true
    })
  }

  private locations(): Map<number, Location[]> {
    if (this.byLine !== null) return this.byLine
    if (armedCount === 0) enable()
    const scriptId = scripts.get(this.vmFilename)
    const byLine = new Map<number, Location[]>()
    if (scriptId !== undefined) {
      const { locations } = post('Debugger.getPossibleBreakpoints', { start: { scriptId, lineNumber: 0, columnNumber: 0 } }) as { locations: Location[] }
      for (const l of locations) {
        // A function's return point sits on its closing brace (or after a returned expression): not a line of its own.
        if (l.type === 'return') continue
        const line = this.jobLineOf(l.lineNumber, l.columnNumber)
        if (line === null) continue
        let list = byLine.get(line)
        if (list === undefined) byLine.set(line, list = [])
        list.push(l)
      }
    }
    this.byLine = byLine
    return byLine
  }
}

/** The parameter name of the lookup a condition passes (one the job's code would not use). */
const LOOKUP = '__riffleLocal'

/** A frame's locals: each name read through `lookup` (one not in scope there throws, and is left out), copied as plain data. */
function frameOf(lookup: (name: string) => unknown): FrameLocals {
  return {
    capture(names) {
      const out: Record<string, unknown> = {}
      // Plain data is copied (the loop goes on changing it); the job's objects and the engine's are kept as they are.
      const copier = new ObjectCopier((v) => (Array.isArray(v) || v instanceof Map || v instanceof Set || v instanceof Date ||
        [Object.prototype, null].includes(Object.getPrototypeOf(v) as object | null) ? COPY : v))
      for (const n of names) {
        let v: unknown
        try {
          v = lookup(n)
        } catch {
          continue
        }
        out[n] = copier.copy(v, n)
      }
      return out
    },
  }
}

function enable(): void {
  if (session === null) {
    try {
      const s = new Session()
      s.connect()
      session = s
    } catch (e) {
      throw new RiffleError('INTERNAL', `V8's debugger is not available in this thread (node:inspector): ${e instanceof Error ? e.message : String(e)}`)
    }
    session!.on('Debugger.scriptParsed', (m) => { scripts.set(m.params.url, m.params.scriptId) })
    ;(globalThis as Record<string, unknown>)[DISPATCH] = (probe: number, line: number, lookup?: (name: string) => unknown): false => {
      // Whatever happens, the condition is false: a true one would pause this thread on itself, forever.
      try { probes.get(probe)?.lineRan(line, lookup) } catch { /* a listener's bug must not hang the job */ }
      return false
    }
  }
  post('Debugger.enable', {})
  // A `debugger;` statement in the job must not pause the thread either (conditions are still evaluated).
  post('Debugger.setSkipAllPauses', { skip: true })
}

function disable(): void {
  if (session !== null) post('Debugger.disable', {})
}

/** A request to this thread's own inspector session: answered synchronously. */
function post(method: string, params: object): unknown {
  let result: unknown
  let error: Error | null = null
  session!.post(method, params, (err: Error | null, r?: object) => { error = err; result = r })
  if (error !== null) throw error
  return result
}
