// The lines a step ran, grouped as `riffle trace` and the Trace view show them.
import { describe, expect, it } from 'vitest'
import { lineRanges, lineRangesText } from '../../../src-main/common/line-ranges'

describe('lineRanges', () => {
  it('sorts, drops repeats, and makes three or more lines in a row one range; two in a row stay two', () => {
    expect(lineRangesText([57, 58, 25, 27, 28, 29, 32, 35, 36, 27])).toBe('25, 27–29, 32, 35, 36, 57, 58')
    expect(lineRanges([3, 1, 2])).toEqual([{ from: 1, to: 3 }])
    expect(lineRangesText([])).toBe('')
  })
})
