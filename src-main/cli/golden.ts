// `riffle test`: compares a run's output lines with a golden file and renders a readable
// diff — the first differences with line numbers, "expected / actual", and counts of added, removed and
// changed lines. Lines are compared as JSON with object keys sorted (so a hand-edited golden file may
// differ in spacing or key order); lines that are not JSON are compared as text.
import { readFileSync } from 'node:fs'

export interface DiffEntry {
  kind: 'changed' | 'removed' | 'added'
  /** 1-based line numbers in the golden file (expected) and in the output (actual), where the line exists. */
  expectedLine?: number
  actualLine?: number
  expected?: string
  actual?: string
}

export interface GoldenDiff { equal: boolean; expectedLines: number; actualLines: number; added: number; removed: number; changed: number; entries: DiffEntry[] }

/** The lines of a JSON-lines text (a trailing newline does not make an empty last line; CRLF accepted). */
export function splitLines(text: string): string[] {
  if (text === '') return []
  const lines = text.split(/\r?\n/)
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

export function canonical(line: string): string {
  try {
    return JSON.stringify(sortKeys(JSON.parse(line)))
  } catch {
    return line.trimEnd()
  }
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (v === null || typeof v !== 'object') return v
  const o: Record<string, unknown> = {}
  for (const k of Object.keys(v as object).sort()) o[k] = sortKeys((v as Record<string, unknown>)[k])
  return o
}

/** Line diff (common prefix/suffix, then Myers' O(ND) on the rest; positional beyond maxEdits). */
export function diffLines(expected: string[], actual: string[], maxEdits = 4000): GoldenDiff {
  const a = expected.map(canonical)
  const b = actual.map(canonical)
  let pre = 0
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++
  let suf = 0
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++
  const ops = myers(a.slice(pre, a.length - suf), b.slice(pre, b.length - suf), maxEdits)
  const entries: DiffEntry[] = []
  let i = pre
  let j = pre
  // Pair a run of removals with the run of additions after it as "changed" lines.
  let k = 0
  while (k < ops.length) {
    if (ops[k] === '=') { i++; j++; k++; continue }
    let dels = 0
    let adds = 0
    while (k + dels < ops.length && ops[k + dels] === '-') dels++
    while (k + dels + adds < ops.length && ops[k + dels + adds] === '+') adds++
    const pairs = Math.min(dels, adds)
    for (let p = 0; p < pairs; p++) entries.push({ kind: 'changed', expectedLine: i + p + 1, actualLine: j + p + 1, expected: expected[i + p], actual: actual[j + p] })
    for (let p = pairs; p < dels; p++) entries.push({ kind: 'removed', expectedLine: i + p + 1, expected: expected[i + p] })
    for (let p = pairs; p < adds; p++) entries.push({ kind: 'added', actualLine: j + p + 1, actual: actual[j + p] })
    i += dels
    j += adds
    k += dels + adds
  }
  const count = (kind: DiffEntry['kind']): number => entries.filter((e) => e.kind === kind).length
  return { equal: entries.length === 0, expectedLines: expected.length, actualLines: actual.length, added: count('added'), removed: count('removed'), changed: count('changed'), entries }
}

/** Edit script: '=' keep, '-' delete from a, '+' insert from b. */
function myers(a: string[], b: string[], maxEdits: number): string[] {
  const n = a.length
  const m = b.length
  const max = Math.min(n + m, maxEdits)
  const off = max + 1
  const v = new Int32Array(2 * max + 3)
  const trace: Int32Array[] = []
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice())
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1
      let y = x - k
      while (x < n && y < m && a[x] === b[y]) { x++; y++ }
      v[off + k] = x
      if (x >= n && y >= m) return backtrack(trace, a, b, off, d)
    }
  }
  // Too many differences for a minimal diff: compare position by position.
  const ops: string[] = []
  for (let p = 0; p < Math.max(n, m); p++) {
    if (p < n && p < m) ops.push(...(a[p] === b[p] ? ['='] : ['-', '+']))
    else ops.push(p < n ? '-' : '+')
  }
  return ops
}

function backtrack(trace: Int32Array[], a: string[], b: string[], off: number, dEnd: number): string[] {
  const ops: string[] = []
  let x = a.length
  let y = b.length
  for (let d = dEnd; d > 0; d--) {
    const v = trace[d]
    const k = x - y
    const prevK = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? k + 1 : k - 1
    const prevX = v[off + prevK]
    const prevY = prevX - prevK
    while (x > prevX && y > prevY) { ops.push('='); x--; y-- }
    ops.push(x === prevX ? '+' : '-')
    x = prevX
    y = prevY
  }
  while (x > 0 && y > 0) { ops.push('='); x--; y-- }
  return ops.reverse()
}

/** The diff as text for a terminal or a CI log. */
export function renderDiff(d: GoldenDiff, goldenPath: string, maxShown = 20): string {
  const out: string[] = []
  out.push(`riffle test: FAILED: the output differs from ${goldenPath}`)
  out.push(`  expected ${d.expectedLines} lines, got ${d.actualLines}: ${d.changed} changed, ${d.removed} removed (expected only), ${d.added} added (actual only)`)
  for (const e of d.entries.slice(0, maxShown)) {
    if (e.kind === 'changed') {
      out.push(`  line ${e.expectedLine} changed${e.actualLine !== e.expectedLine ? ` (actual line ${e.actualLine})` : ''}:`)
      out.push(`    expected: ${e.expected}`)
      out.push(`    actual:   ${e.actual}`)
    } else if (e.kind === 'removed') {
      out.push(`  line ${e.expectedLine} removed (missing from the output):`)
      out.push(`    expected: ${e.expected}`)
    } else {
      out.push(`  actual line ${e.actualLine} added (not in the golden file):`)
      out.push(`    actual:   ${e.actual}`)
    }
  }
  if (d.entries.length > maxShown) out.push(`  … and ${d.entries.length - maxShown} more differences`)
  out.push(`  (run with --update to accept the new output as the golden file)`)
  return out.join('\n')
}

export function readGolden(path: string): string[] {
  return splitLines(readFileSync(path, 'utf8'))
}
