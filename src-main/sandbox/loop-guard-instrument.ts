// Puts a call of the loop guard (job-interrupt.ts) at the start of every loop body of a compiled job, so the
// watchdog can stop a TypeScript `while (true)` from inside: the guard throws the watchdog's stop at the job's line,
// the job's call unwinds as an error would, and the session's thread and history live on (as for Python, whose
// interpreter checks the same interrupt). Only loops can run without end in a job's own code (a deep recursion
// ends in a RangeError); a runaway inside a built-in (a regular expression) is still stopped from outside.
// The edit keeps every line where it was and the job's source map exact (the guard's own text maps to the loop).
import { parse, type Node } from 'acorn'
import MagicString from 'magic-string'
import remapping from '@jridgewell/remapping'
import { LOOP_GUARD } from './job-interrupt'

const LOOPS = new Set(['WhileStatement', 'DoWhileStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement'])

type LoopNode = Node & { body: Node }

/**
 * The compiled job (esbuild's CommonJS output and its source map) with the guard in every loop, and the source
 * map from the edited code to the job's sources. Code acorn cannot parse is returned as it is (never seen: esbuild
 * wrote it), so the job still runs, stopped from outside as before.
 */
export function guardLoops(code: string, sourceMap: string): { code: string; sourceMap: string } {
  let ast: Node
  try {
    ast = parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true, allowHashBang: true })
  } catch {
    return { code, sourceMap }
  }
  const s = new MagicString(code)
  let loops = 0
  walk(ast, (n) => {
    if (!LOOPS.has(n.type)) return
    const body = (n as LoopNode).body
    loops++
    if (body.type === 'BlockStatement') {
      s.appendLeft(body.start + 1, `${LOOP_GUARD}();`)
    } else {
      // `for (;;) x++` becomes `for (;;) {guard();x++}`: the guard must run on every turn, as the body does.
      s.appendLeft(body.start, `{${LOOP_GUARD}();`)
      s.appendLeft(body.end, '}')
    }
  })
  if (loops === 0) return { code, sourceMap }
  const edited = s.generateMap({ hires: true, source: 'compiled.js', includeContent: false })
  const map = remapping([edited.toString(), sourceMap], () => null)
  return { code: s.toString(), sourceMap: map.toString() }
}

/** Every node of the tree, parents before children. */
function walk(node: Node, visit: (n: Node) => void): void {
  visit(node)
  for (const key of Object.keys(node)) {
    const v = (node as unknown as Record<string, unknown>)[key]
    if (Array.isArray(v)) {
      for (const c of v) if (isNode(c)) walk(c, visit)
    } else if (isNode(v)) {
      walk(v, visit)
    }
  }
}

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string'
}
