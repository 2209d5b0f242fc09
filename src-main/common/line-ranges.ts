// The lines a step ran as a reader takes them in: ascending, three or more in a row as one range ("12, 13,
// 15–18"). One grouping for `riffle trace`'s "lines run:" and the Trace view's.

export interface LineRange { from: number; to: number }

/** Distinct lines, ascending, grouped: consecutive runs of three or more become one range, shorter ones stay lines. */
export function lineRanges(lines: readonly number[]): LineRange[] {
  const sorted = [...new Set(lines)].sort((a, b) => a - b)
  const out: LineRange[] = []
  for (let i = 0; i < sorted.length;) {
    let j = i
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++
    if (j - i >= 2) out.push({ from: sorted[i], to: sorted[j] })
    else for (let k = i; k <= j; k++) out.push({ from: sorted[k], to: sorted[k] })
    i = j + 1
  }
  return out
}

/** "12, 13, 15–18" */
export function lineRangesText(lines: readonly number[]): string {
  return lineRanges(lines).map((r) => (r.from === r.to ? String(r.from) : `${r.from}–${r.to}`)).join(', ')
}
