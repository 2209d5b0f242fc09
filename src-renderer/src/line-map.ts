// Where a line of one version of a job's text is in another version, by a line diff (jsdiff's diffArrays, Myers'
// algorithm): a line the two versions share keeps its place, shifted by what was added or removed around it; a line
// an edit changed or removed has no counterpart, only a place near it (the same row of the text that replaced it).

import { diffArrays } from 'diff'

/** For each line of `from` (index 0 is line 1), its 1-based line in `to` and whether it is that same line there. */
function lineMap(from: string, to: string): Array<{ line: number; same: boolean }> {
  const map: Array<{ line: number; same: boolean }> = []
  const parts = diffArrays(from.split('\n'), to.split('\n'))
  let next = 1
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!
    if (p.added) { next += p.count; continue }
    if (!p.removed) {
      for (let k = 0; k < p.count; k++) map.push({ line: next++, same: true })
      continue
    }
    // Removed lines: the text that replaced them (added right after) is where they went, row for row, clamped to it;
    // with nothing in their place, the line that now follows them.
    const added = parts[i + 1]?.added ? parts[i + 1]!.count : 0
    for (let k = 0; k < p.count; k++) map.push({ line: next + Math.min(k, Math.max(0, added - 1)), same: false })
  }
  const last = Math.max(1, to.split('\n').length)
  return map.map((m) => (m.line > last ? { line: last, same: m.same } : m))
}

/**
 * Where each line of `from` is in `to`: its line there, or null for a line the edit changed or removed. The diff is
 * made once, so asking for every breakpoint costs one diff.
 */
export function sameLines(from: string, to: string): (line: number) => number | null {
  if (from === to) return (line) => line
  const map = lineMap(from, to)
  return (line) => {
    const m = map[line - 1]
    return m !== undefined && m.same ? m.line : null
  }
}

/** Where each line of `from` goes in `to`: its own line when the edit kept it, else the line that took its place. */
export function nearLines(from: string, to: string): (line: number) => number {
  if (from === to) return (line) => line
  const map = lineMap(from, to)
  const last = Math.max(1, to.split('\n').length)
  return (line) => map[line - 1]?.line ?? last
}

/** The 1-based line of `to` that `line` of `from` is, or null for a line the edit changed or removed. */
export function sameLine(from: string, to: string, line: number): number | null {
  return sameLines(from, to)(line)
}

/** Where `line` of `from` goes in `to`: its own line when the edit kept it, else the line that took its place. */
export function nearLine(from: string, to: string, line: number): number {
  return nearLines(from, to)(line)
}
