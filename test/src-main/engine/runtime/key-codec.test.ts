import { describe, expect, it } from 'vitest'
import { keyToString } from '../../../../src-main/engine/runtime/key-codec'

describe('key codec', () => {
  it('gives equal strings for objects with members in different order', () => {
    expect(keyToString({ b: 1, a: [1, 'x'] })).toBe(keyToString({ a: [1, 'x'], b: 1 }))
  })
  it('quotes a string key exactly as JSON.stringify does, escapes and surrogates included', () => {
    const keys = ['', 'u123', 'a"b', 'a\\b', 'tab\there', 'nl\n', '\u0000', '\u001f', '\u007f', 'é', '\u2028',
      '😀', '\ud83d', 'x\ude00y', '"', '\\']
    for (const k of keys) expect(keyToString(k)).toBe(JSON.stringify(k))
  })
  it('keeps the string "1" and the number 1 apart', () => {
    expect(keyToString('1')).not.toBe(keyToString(1))
  })
})

describe('key codec rejects keys without a JSON identity', () => {
  it('a Date key is refused instead of collapsing to "{}"', () => {
    expect(() => keyToString(new Date(0))).toThrow(/Date object/)
  })
  it('a Map key is refused', () => {
    expect(() => keyToString(new Map())).toThrow(/Map object/)
  })
})
