// Puts a call of the loop guard (job-interrupt.ts) at the start of every loop body of a compiled job, so the
// watchdog can stop a TypeScript `while (true)` from inside: the guard throws the watchdog's stop at the job's line,
// the job's call unwinds as an error would, and the session's thread and history live on (as for Python, whose
// interpreter checks the same interrupt). Only loops can run without end in a job's own code (a deep recursion
// ends in a RangeError); a runaway inside a built-in (a regular expression) is still stopped from outside.
// The edit keeps every line where it was and the job's source map exact (the guard's own text maps to the loop).
import type { Node } from 'acorn'
import MagicString, { type SourceMapSegment } from 'magic-string'
import remapping from '@jridgewell/remapping'
import { LOOP_GUARD } from './job-interrupt'
import { lineStarts, parseScript, position, walk } from './script-syntax'

const LOOPS = new Set(['WhileStatement', 'DoWhileStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement'])

type LoopNode = Node & { body: Node }

/**
 * The compiled job (esbuild's CommonJS output and its source map) with the guard in every loop, and the source
 * map from the edited code to the job's sources. Code acorn cannot parse is returned as it is (never seen: esbuild
 * wrote it), so the job still runs, stopped from outside as before.
 */
export function guardLoops(code: string, sourceMap: string): { code: string; sourceMap: string } {
  const ast = parseScript(code)
  if (ast === null) return { code, sourceMap }
  const s = new MagicString(code)
  const guards: Guard[] = []
  walk(ast, (n) => {
    if (!LOOPS.has(n.type)) return
    const body = (n as LoopNode).body
    if (body.type === 'BlockStatement') {
      s.appendLeft(body.start + 1, GUARD_CALL)
      guards.push({ at: body.start + 1, before: 0, loop: n.start })
    } else {
      // `for (;;) x++` becomes `for (;;) {guard();x++}`: the guard must run on every turn, as the body does.
      s.appendLeft(body.start, `{${GUARD_CALL}`)
      s.appendLeft(body.end, '}')
      guards.push({ at: body.start, before: 1, loop: n.start })
    }
  })
  if (guards.length === 0) return { code, sourceMap }
  const out = s.toString()
  const edited = s.generateDecodedMap({ hires: true, source: 'compiled.js', includeContent: false })
  pointGuardsAtLoops(edited.mappings, guards, code, out)
  const map = remapping([{ ...edited, version: 3 }, sourceMap], () => null)
  return { code: out, sourceMap: map.toString() }
}

/** The guard's call as inserted. */
const GUARD_CALL = `${LOOP_GUARD}();`

/** One inserted guard: the offset in the compiled code it went in at, the text before its call there (`{`), and its loop's offset. */
interface Guard { at: number; before: number; loop: number }

/**
 * The edited map's segments of each guard's call, made to map to the start of its loop statement (`while`, `for`,
 * `do`): the watchdog's stop is reported where the guard's call is (job-interrupt.ts), and left to itself an inserted
 * text maps to the original place it was inserted at, the body's `{`. `out` is the edited code: the guards' calls are
 * found there in the order of their offsets (appendLeft keeps insertions at one offset in call order).
 */
function pointGuardsAtLoops(mappings: SourceMapSegment[][], guards: Guard[], code: string, out: string): void {
  const origin = lineStarts(code)
  const edited = lineStarts(out)
  const ordered = guards.map((g, i) => ({ ...g, i })).sort((a, b) => a.at - b.at || a.i - b.i)
  let from = 0
  for (const g of ordered) {
    const callAt = out.indexOf(GUARD_CALL, from)
    if (callAt < 0) return // never: each guard's call is in the edited code
    from = callAt + GUARD_CALL.length
    const [line, column] = position(edited, callAt)
    const [loopLine, loopColumn] = position(origin, g.loop)
    const [nextLine, nextColumn] = position(origin, g.at)
    const segs = (mappings[line] ??= []).filter((m) => m[0] < column || m[0] >= column + GUARD_CALL.length)
    segs.push([column, 0, loopLine, loopColumn])
    // What follows the call maps to the code it was put before, as it did.
    if (!segs.some((m) => m[0] === column + GUARD_CALL.length)) segs.push([column + GUARD_CALL.length, 0, nextLine, nextColumn])
    mappings[line] = segs.sort((a, b) => a[0] - b[0])
  }
}
