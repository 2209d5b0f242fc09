// How much of an inline value (a call's result after its line, the watchdog's note) fits the editor's width: at
// 1024 px the editor is about 520 px wide and a value after a long line ran past its right edge, out of sight. As VS
// Code truncates a long inline value, it is cut to the room left after the line's code, ending in an ellipsis, and
// shown whole in its hover. Pure (no Monaco), so unit tests load it.

/** The most of a value shown inline however wide the editor (VS Code cuts at a fixed length too). */
export const MAX_INLINE = 120
/** The fewest characters shown: after a line that (nearly) fills the editor, an ellipsis alone, whole in its hover. */
export const MIN_INLINE = 1
/** What the hint puts before the value: two spaces after the line's last character. */
export const INLINE_GAP = '  '

/** How many columns `line` takes on screen: a tab goes to the next tab stop. */
export function screenColumns(line: string, tabSize: number): number {
  let col = 0
  for (const ch of line) col = ch === '\t' ? col + tabSize - (col % tabSize) : col + 1
  return col
}

/**
 * The characters an inline value may take after `line` in an editor showing `visibleColumns` columns: what is left
 * after the line's code and the gap, less two columns of margin (an arrow or the ellipsis may be drawn a little wider
 * than a letter, from another font), between MIN_INLINE and MAX_INLINE.
 */
export function inlineRoom(line: string, tabSize: number, visibleColumns: number): number {
  const left = Math.floor(visibleColumns) - screenColumns(line, tabSize) - INLINE_GAP.length - 2
  return Math.max(MIN_INLINE, Math.min(MAX_INLINE, left))
}

/** `text` cut to `room` characters (code points), ending in an ellipsis, and whether it was cut. */
export function fitInline(text: string, room: number): { text: string; cut: boolean } {
  const chars = [...text]
  if (chars.length <= room) return { text, cut: false }
  return { text: chars.slice(0, Math.max(0, room - 1)).join('').trimEnd() + '…', cut: true }
}
