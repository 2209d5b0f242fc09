// Where a line of one version of a job is in another: kept lines move with the edits around them, however many
// separate places were edited; a changed line has no counterpart, but a place near it (a pasted new version).
import { describe, expect, it } from 'vitest'
import { nearLine, sameLine } from '../../src-renderer/src/line-map'

const V1 = ['import x', '', 'class A:', '    def f(self):', '        return 1', '', 'def job(e):', '    return e'].join('\n')

describe('sameLine', () => {
  it('follows a kept line past edits in two separate places', () => {
    // A comment added at the top and the return value changed: "def job" (line 7) is line 8, line 4 is line 5.
    const v2 = ['# fixed', ...V1.split('\n')].join('\n').replace('return 1', 'return 2')
    expect(sameLine(V1, v2, 4)).toBe(5)
    expect(sameLine(V1, v2, 7)).toBe(8)
    expect(sameLine(V1, v2, 5)).toBeNull()
  })

  it('has no line for a removed line, and shifts the lines after it back', () => {
    const v2 = V1.split('\n').filter((l) => l !== 'import x').join('\n')
    expect(sameLine(V1, v2, 1)).toBeNull()
    expect(sameLine(V1, v2, 3)).toBe(2)
  })
})

describe('nearLine', () => {
  it('puts a changed line on the line that replaced it, row for row', () => {
    const v2 = V1.replace('        return 1', '        x = 1\n        return x')
    expect(nearLine(V1, v2, 5)).toBe(5)
    expect(nearLine(V1, v2, 7)).toBe(8)
  })

  it('puts a removed line on the line that now follows it, and never past the end', () => {
    const v2 = V1.split('\n').slice(0, 6).join('\n')
    expect(nearLine(V1, v2, 3)).toBe(3)
    expect(nearLine(V1, v2, 8)).toBe(6)
    expect(nearLine(V1, ['# other'].join('\n'), 5)).toBe(1)
  })
})
