// Which form each status bar item takes so that the line stays one row, as VS Code's status bar never wraps: when
// the line is wider than the bar, items give way in a fixed order (a shorter form, or out of the line behind one "…"
// whose tooltip says them whole), the least needed first, until it fits.

export interface Fittable {
  /** The widths of the item's forms, whole first, each later one shorter. */
  widths: readonly number[]
  /** When each shorter form is taken: give[k] for widths[k + 1]; a lower number gives way sooner. */
  give: readonly number[]
  /** When it leaves the line for the "…"'s tooltip; undefined: never (it is what a user needs most). */
  hide?: number
}

/** The form an item is shown in: its index in widths, or HIDDEN. */
export const HIDDEN = -1

/**
 * Each item's form, in order. room: the width the items have (the line's fixed end aside); gap: the space between two
 * items; more: the "…"'s width, taken only once an item is hidden. Items that never give way stay whole even when
 * they alone are wider than the room (the bar's CSS then ends the last one in "…").
 */
export function fitStatus(items: readonly Fittable[], room: number, gap: number, more: number): number[] {
  const form = items.map(() => 0)
  const width = (): number => {
    let w = 0
    let n = 0
    for (let i = 0; i < items.length; i++) if (form[i] !== HIDDEN) { w += items[i].widths[form[i]]; n++ }
    if (form.includes(HIDDEN)) { w += more; n++ }
    return w + gap * Math.max(0, n - 1)
  }
  const steps = items.flatMap((it, i) => [
    ...it.give.map((at, k) => ({ i, to: k + 1, at })),
    ...(it.hide === undefined ? [] : [{ i, to: HIDDEN, at: it.hide }]),
  ]).sort((a, b) => a.at - b.at)
  const done: Array<{ i: number; from: number; to: number }> = []
  for (const step of steps) {
    if (width() <= room) break
    // A hidden item stays hidden (its shorter forms come later only if so ranked).
    if (form[step.i] === HIDDEN) continue
    done.push({ i: step.i, from: form[step.i], to: step.to })
    form[step.i] = step.to
  }
  // A shorter form comes back where a later step made room for it (the watermark's date once processing time has
  // left the line), the most needed first; a hidden item only once every more needed one is whole again (never the
  // mode while the watermark has no date).
  let kept = false
  for (let k = done.length - 1; k >= 0; k--) {
    const { i, from, to } = done[k]
    if (form[i] !== to) continue
    if (to !== HIDDEN || !kept) {
      form[i] = from
      if (width() <= room) continue
      form[i] = to
    }
    kept = true
  }
  return form
}
