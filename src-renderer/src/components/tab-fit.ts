// Which of a tab strip's tabs fit on its one row, as VS Code fits its panel tabs: the first ones in order, the
// rest behind a "…" button, and the selected tab always in the row (in place of the last ones that fit).

/**
 * The indices of the tabs shown in the row, in order.
 * widths: each tab's width (its gap to the next included); room: the row's width; more: the "…" button's
 * width, taken from the room only when some tab does not fit; active: the selected tab's index (-1: none).
 */
export function fitTabs(widths: readonly number[], room: number, more: number, active: number): number[] {
  const all = widths.map((_, i) => i)
  if (widths.reduce((a, b) => a + b, 0) <= room) return all
  const left = room - more
  const shown: number[] = []
  let used = 0
  for (const i of all) {
    if (used + widths[i] > left) break
    shown.push(i)
    used += widths[i]
  }
  if (active < 0 || active >= widths.length || shown.includes(active)) return shown
  // The selected tab takes the place of as many of the last fitting ones as it needs (it alone if need be).
  used += widths[active]
  while (shown.length > 0 && used > left) used -= widths[shown.pop()!]
  return [...shown, active]
}

/**
 * What the "…" button says of the tabs behind it: their names, each badged one with its count ("Messages (2)"),
 * and how many have a badge, so that the button is marked as VS Code marks an overflow hiding a badged view.
 */
export function moreTabs<T extends string>(hidden: ReadonlyArray<readonly [T, string]>, badges: Partial<Record<T, number>> = {}): { names: string; badged: number } {
  let badged = 0
  const names = hidden.map(([t, text]) => {
    const n = badges[t]
    if (!n) return text
    badged++
    return `${text} (${n})`
  })
  return { names: names.join(', '), badged }
}
