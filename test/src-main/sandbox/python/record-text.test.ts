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
    ['{"ts":10000}', false], // other digits
    ['{"ts":100}', false],
    ['{"ts":"1000","n":{"ts":1000}}', true], // a string of that name's value is not the int; a nested int is
  ])('%s: %s', (text, expected) => {
    const n = text.includes('-1000') ? -1000 : 1000
    expect(writesInt(text, 'ts', n)).toBe(expected)
  })

  it.each([
    ['{"ts":0}', 0, true],
    ['{"ts":-0}', 0, false], // json.loads reads -0 as the int 0, but JavaScript's -0 is never the n asked about
    ['{"ts":1708848001537}', 1708848001537, true],
    ['{"ts":-1708848001537}', -1708848001537, true],
    ['{"ts":1708848001537}', -1708848001537, false],
    ['{"ts":9007199254740991}', 9007199254740991, true],
    ['{"ts":90071992547409910}', 9007199254740991, false],
    ['{"a":1}', 1, false],
  ])('%s as %d: %s', (text, n, expected) => {
    expect(writesInt(text, 'ts', n)).toBe(expected)
    expect(writesInt(text, 'a', n)).toBe(text === '{"a":1}') // another name, after the same one
  })
})
