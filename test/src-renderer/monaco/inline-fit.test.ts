// An inline value is cut to the room the editor has left after its line (at 1024 px values ran off its right edge):
// an ellipsis ends it, and its hover shows it whole.
import { describe, expect, it } from 'vitest'
import { MAX_INLINE, MIN_INLINE, fitInline, inlineRoom, screenColumns } from '../../../src-renderer/src/monaco/inline-fit'

describe('inline values fit the editor', () => {
  it('a line takes its characters on screen, a tab up to the next tab stop', () => {
    expect(screenColumns('    x = 1', 4)).toBe(9)
    expect(screenColumns('\tx', 4)).toBe(5)
    expect(screenColumns('ab\tx', 4)).toBe(5)
  })

  it('the room is what the editor shows after the line and the two-space gap, less two columns of margin', () => {
    expect(inlineRoom('    session_start: this.sessionStart.value()!,', 2, 70)).toBe(70 - 46 - 2 - 2)
  })

  it('after a line that fills the editor, room for an ellipsis alone; never above the fixed cap', () => {
    expect(inlineRoom('x'.repeat(200), 2, 70)).toBe(MIN_INLINE)
    expect(fitInline('→ 1708848000000', MIN_INLINE)).toEqual({ text: '…', cut: true })
    expect(inlineRoom('x', 2, 1000)).toBe(MAX_INLINE)
  })

  it('a value longer than its room ends in an ellipsis within the room; a shorter one is whole', () => {
    expect(fitInline('→ 1708848000000', 20)).toEqual({ text: '→ 1708848000000', cut: false })
    const cut = fitInline('1708848000000 → absent', 10)
    expect(cut).toEqual({ text: '170884800…', cut: true })
    expect([...cut.text]).toHaveLength(10)
    // Not a blank before the ellipsis.
    expect(fitInline('value() → 0 · update: 0 → 1', 12).text).toBe('value() → 0…')
  })
})
