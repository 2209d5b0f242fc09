// A Python SyntaxError's column (code points) as Monaco's (UTF-16 units): the marker lands on the right character
// also after an emoji in the line.
import { describe, expect, it } from 'vitest'
import { utf16Column } from '../../../src-renderer/src/monaco/python-columns'

describe('utf16Column', () => {
  it('is the same column on an ASCII or BMP line', () => {
    expect(utf16Column('x = "ééé" + )', 13)).toBe(13)
  })
  it('counts an emoji before the column as two units', () => {
    const line = 'x = "😀😀" + )'
    expect(utf16Column(line, 12)).toBe(14)
    expect(line.slice(13, 14)).toBe(')')
  })
  it('goes past the end as far as Python does', () => {
    expect(utf16Column('😀', 2)).toBe(3)
    expect(utf16Column('ab', 4)).toBe(4)
  })
})
