// Whether a record's line writes a property as the int Python's json.loads will read (record-text.ts): the fast
// path of an unwatched Python assigner may take JavaScript's number only then.
import { describe, expect, it } from 'vitest'
import { writesInt } from '../../../../src-main/sandbox/python/record-text'

describe('writesInt', () => {
  it.each([
    ['{"ts":1000}', true],
    ['{"ts" :  -1000 ,"k":"a"}', true],
    ['{"k":"ts","ts":1000}', true], // "ts" as a value is no property
    ['{"ts":1000.0}', false],
    ['{"ts":1e3}', false],
    ['{"ts":10E2}', false],
    ['{"n":{"ts":1.5},"ts":1000}', false], // a nested float of that name: unsure, Python decides
    ['{"\\u0074s":1000}', false], // the name written with an escape: not found, unsure
  ])('%s: %s', (text, expected) => {
    const n = text.includes('-1000') ? -1000 : 1000
    expect(writesInt(text, 'ts', n)).toBe(expected)
  })
})
