// The compiled job's syntax as the sandbox reads it: acorn's tree walked node by node, offsets turned into 0-based
// lines and columns, and which function a place is in. Shared by the loop guard (loop-guard-instrument.ts) and the
// line probe (v8-line-probe.ts), which both work on the compiled script rather than the job's TypeScript.
import { parse, type Node } from 'acorn'

/** The script's tree, or null when acorn cannot parse it (never seen: esbuild wrote it). */
export function parseScript(code: string): Node | null {
  try {
    return parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true, allowHashBang: true })
  } catch {
    return null
  }
}

/** Every node of the tree, parents before children. */
export function walk(node: Node, visit: (n: Node) => void): void {
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

/** The offset of each line's start in `text`. */
export function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

/** The 0-based [line, column] of `offset`, by the text's lineStarts(). */
export function position(starts: number[], offset: number): [number, number] {
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid] <= offset) lo = mid
    else hi = mid - 1
  }
  return [lo, offset - starts[lo]]
}

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'])

/**
 * For a script's text: the function a 0-based (line, column) is in, the innermost, named by its start offset (-1:
 * the script's top level, or a script acorn cannot parse).
 */
export function functionAt(code: string): (line: number, column: number) => number {
  const tree = parseScript(code)
  const ranges: Array<[number, number]> = []
  if (tree !== null) walk(tree, (n) => { if (FUNCTIONS.has(n.type)) ranges.push([n.start, n.end]) })
  const starts = lineStarts(code)
  return (line, column) => {
    const at = (starts[line] ?? Infinity) + column
    let inner = -1
    let width = Infinity
    for (const [s, e] of ranges) if (s <= at && at < e && e - s < width) { inner = s; width = e - s }
    return inner
  }
}
