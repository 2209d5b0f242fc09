// `riffle test`: compares a run's output lines with a golden file and renders a readable diff — the first
// differences with line numbers, "expected / actual" with the fields that changed, and counts of added,
// removed, changed and moved lines. Values are compared as JSON with object keys sorted (so a hand-edited
// golden file may differ in spacing or key order); lines that are not JSON are compared as text.
import { readFile } from 'node:fs/promises'
import { RiffleError } from '../common/errors'
import { errnoReason } from '../common/errno-reason'
import { canonicalJson, type FieldDiff, type PairInput, pairOutputs } from '../debugger/output-pairing'

export interface DiffEntry {
  /** 'moved': the same line at another place among the others (shown, but the output still differs). */
  kind: 'changed' | 'removed' | 'added' | 'moved'
  /** 1-based line numbers in the golden file (expected) and in the output (actual), where the line exists. */
  expectedLine?: number
  actualLine?: number
  expected?: string
  actual?: string
  /** A changed line's field-level differences (paths inside the value, or "timestamp"). */
  fields?: FieldDiff[]
}

export interface GoldenDiff {
  equal: boolean; expectedLines: number; actualLines: number; added: number; removed: number; changed: number; moved: number; entries: DiffEntry[]
}

/** The lines of a JSON-lines text (a trailing newline does not make an empty last line; CRLF accepted). */
export function splitLines(text: string): string[] {
  if (text === '') return []
  const lines = text.split(/\r?\n/)
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

/** A line in one spelling: JSON with object keys sorted, or (not JSON) the text without trailing blanks. */
export function canonical(line: string): string {
  try {
    return canonicalJson(JSON.parse(line))
  } catch {
    return line.trimEnd()
  }
}

/**
 * The golden file against the output, paired by the rule the app's Compare uses (debugger/output-pairing.ts).
 * Lines carry no key, so they are paired by (tag, timestamp, then the value's fields): a line only shifted by
 * an added or removed one is not a difference, and a changed line lists its field-level differences. A line
 * that is not an output line ({"value":V,"timestamp":T} with an optional "tag") is compared as a whole.
 */
export function diffLines(expected: string[], actual: string[]): GoldenDiff {
  const inputs = (lines: string[]): PairInput<number>[] => lines.map((line, i) => {
    const o = parseOutputLine(line)
    return { item: i, group: o.tag ?? '', timestamp: o.timestamp, value: o.value, order: i }
  })
  const p = pairOutputs(inputs(expected), inputs(actual), { keyed: false })
  const entries: DiffEntry[] = [
    ...p.changed.map((c): DiffEntry => ({
      kind: 'changed', expectedLine: c.previous + 1, actualLine: c.current + 1, expected: expected[c.previous], actual: actual[c.current], fields: c.fields,
    })),
    ...p.moved.map((c): DiffEntry => ({ kind: 'moved', expectedLine: c.previous + 1, actualLine: c.current + 1, expected: expected[c.previous] })),
    ...p.removed.map((i): DiffEntry => ({ kind: 'removed', expectedLine: i + 1, expected: expected[i] })),
    ...p.added.map((i): DiffEntry => ({ kind: 'added', actualLine: i + 1, actual: actual[i] })),
  ]
  // In file order: by the expected line where there is one, else by the actual line (a stable sort).
  entries.sort((x, y) => (x.expectedLine ?? x.actualLine ?? 0) - (y.expectedLine ?? y.actualLine ?? 0))
  return {
    equal: entries.length === 0, expectedLines: expected.length, actualLines: actual.length,
    added: p.added.length, removed: p.removed.length, changed: p.changed.length, moved: p.moved.length, entries,
  }
}

/** An output line's tag, timestamp and value; any other line is a value of its own (compared as text or JSON). */
function parseOutputLine(line: string): { tag: string | null; timestamp: number | null; value: unknown } {
  let v: unknown
  try { v = JSON.parse(line) } catch { return { tag: null, timestamp: null, value: line.trimEnd() } }
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && 'value' in v) {
    const o = v as { tag?: unknown; timestamp?: unknown; value: unknown }
    return { tag: typeof o.tag === 'string' ? o.tag : null, timestamp: typeof o.timestamp === 'number' ? o.timestamp : null, value: o.value }
  }
  return { tag: null, timestamp: null, value: v }
}

/** The lines in their canonical JSON form, sorted: what a multiset comparison diffs. */
export function sortedCanonical(lines: string[]): string[] {
  return lines.map(canonical).sort()
}

/** Whether the two are the same lines (as JSON, as the diff compares them) in another order. */
export function sameLinesReordered(expected: string[], actual: string[]): boolean {
  if (expected.length !== actual.length) return false
  const a = sortedCanonical(expected)
  const b = sortedCanonical(actual)
  return a.every((l, i) => l === b[i])
}

/**
 * The verdict on an in-order comparison whose lines are all there, only in another order: one message, not a
 * "moved" line for each record. A golden file written at --parallelism N > 1 has each subtask's keys after the
 * other's. The lines name no key (--out writes value and timestamp only), so this cannot tell that each key's
 * own order is the same, and says so.
 */
export function renderReordered(lines: number, goldenPath: string): string {
  return [
    `riffle test: FAILED: the output has the same ${lines} lines as ${goldenPath}, in another order`,
    '  only the order differs (compared in order at --parallelism 1), as when the golden file was written at another --parallelism:',
    "  above 1 the subtasks' outputs follow one another, and riffle test compares them as a multiset",
    "  (the lines name no key, so whether each key's own order is the same is not checked here)",
    '  to fix: run with the --parallelism the golden file was written at, or rewrite it at this one with --update',
  ].join('\n')
}

/** The diff as text for a terminal or a CI log. */
export function renderDiff(d: GoldenDiff, goldenPath: string, maxShown = 20): string {
  const out: string[] = []
  out.push(`riffle test: FAILED: the output differs from ${goldenPath}`)
  out.push(`  expected ${d.expectedLines} lines, got ${d.actualLines}: ${d.changed} changed, ${d.removed} removed (expected only), ${d.added} added (actual only)${d.moved > 0 ? `, ${d.moved} moved (same line, another place)` : ''}`)
  for (const e of d.entries.slice(0, maxShown)) {
    if (e.kind === 'changed') {
      out.push(`  line ${e.expectedLine} changed${e.actualLine !== e.expectedLine ? ` (actual line ${e.actualLine})` : ''}:`)
      out.push(`    expected: ${e.expected}`)
      out.push(`    actual:   ${e.actual}`)
      for (const f of e.fields ?? []) out.push(`      ${f.path === '' ? 'value' : f.path}: ${show(f, 'previous')} → ${show(f, 'current')}`)
    } else if (e.kind === 'moved') {
      out.push(`  line ${e.expectedLine} moved to actual line ${e.actualLine} (same line, another place):`)
      out.push(`    expected: ${e.expected}`)
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

function show(f: FieldDiff, side: 'previous' | 'current'): string {
  return side in f ? JSON.stringify(f[side]) ?? 'undefined' : '(absent)'
}

/**
 * Why the golden file (its lines, read once: a named pipe, `--expect <(git show ...)`, reads only once) cannot be compared with (its first line that is not JSON, which `--out` never writes: a
 * conflict marker, a hand edit gone wrong), or null. Without it such a line reads as an output the run "removed".
 */
export function goldenProblem(path: string, lines: string[]): string | null {
  for (let i = 0; i < lines.length; i++) {
    const shown = (): string => JSON.stringify(lines[i].length > 60 ? `${lines[i].slice(0, 60)}…` : lines[i])
    let v: unknown
    try {
      v = JSON.parse(lines[i])
    } catch {
      return `${path}:${i + 1} is not a JSON line (${shown()}): a golden file holds the lines riffle run --out writes; fix it, or rewrite it with --update`
    }
    // The recording given as --expect (arguments swapped) is JSON too: every line would be a difference.
    if (!isOutputLine(v)) {
      return `${path}:${i + 1} is not an output line (${shown()}): a golden file holds the lines riffle run --out writes, ` +
        '{"value": V, "timestamp": T} or {"tag": "ID", "value": V, "timestamp": T} (is it the golden file?); fix it, or rewrite it with --update'
    }
  }
  return null
}

const OUTPUT_KEYS = new Set(['value', 'timestamp', 'tag'])

/** A line as --out writes it: an object with a value and nothing but a timestamp and a tag besides (either may be left out). */
function isOutputLine(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.hasOwn(v, 'value') && Object.keys(v).every((k) => OUTPUT_KEYS.has(k))
}

/** The golden file's lines; a file that cannot be read (chmod 000) is a BAD_ARGUMENT that says why. */
export async function readGolden(path: string): Promise<string[]> {
  // As an editor may save it: a byte-order mark first and blank lines at the end are not lines of output (the
  // output has no blank line); earlier lines keep their numbers. Read off the main thread: a named pipe whose
  // writer has not started would block it, deaf to Ctrl-C (interrupt.ts quits at once while nothing runs).
  const text = await readFile(path, 'utf8').catch((e: unknown) => {
    throw new RiffleError('BAD_ARGUMENT', `cannot read the golden file ${path}: ${errnoReason(e)}`)
  })
  const lines = splitLines(text.replace(/^\uFEFF/, ''))
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop()
  return lines
}
