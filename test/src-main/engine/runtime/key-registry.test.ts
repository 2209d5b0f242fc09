// The heap key registry's time-travel side (key-registry.ts and engine/history/registry-history.ts):
// keys keep their first-seen ordinal, a restore only moves the registry's size and copies the counts,
// and the journal lists the keys touched since it was taken.
import { describe, expect, it } from 'vitest'
import { KeyRegistry } from '../../../../src-main/engine/runtime/key-registry'
import { RegistryJournal, registryDelta, registryFrame, restoreRegistry } from '../../../../src-main/engine/history/registry-history'

const keys = (r: KeyRegistry): string[] => [...r.byKeyStr].map(([k]) => k)
const counts = (r: KeyRegistry): unknown[] => [...r.byKeyStr].map(([k, i]) => [k, i.firstStep, i.lastTouchedStep, i.records])

describe('KeyRegistry under time travel', () => {
  it('cutting the registry back to n keys hides the newer ones, and restoring a later size shows them again in first-seen order', () => {
    const r = new KeyRegistry()
    for (const [i, k] of ['"a"', '"b"', '"c"', '"d"'].entries()) r.touch(k, k, i + 1, true)
    r.setSize(2)
    expect(keys(r)).toEqual(['"a"', '"b"'])
    expect(r.get('"c"')).toBeUndefined()
    expect(r.size).toBe(2)
    r.setSize(4)
    expect(keys(r)).toEqual(['"a"', '"b"', '"c"', '"d"'])
  })

  it('a key seen again at its old position after a cut reuses its entry, timer-holder cache included', () => {
    const r = new KeyRegistry()
    r.touch('a', '"a"', 1, true)
    const b = r.touch('b', '"b"', 2, true)
    b.et = { keyStr: '"b"', slot: undefined }
    r.setSize(1)
    const again = r.touch('b', '"b"', 2, true)
    expect(again).toBe(b)
    expect(again.et).toBe(b.et)
    expect([again.firstStep, again.lastTouchedStep, again.records]).toEqual([2, 2, 1])
  })

  it('a different key at that position replaces the catalogue past it', () => {
    const r = new KeyRegistry()
    for (const [i, k] of ['"a"', '"b"', '"c"'].entries()) r.touch(k, k, i, true)
    r.setSize(1)
    r.touch('x', '"x"', 5, true)
    expect(keys(r)).toEqual(['"a"', '"x"'])
    expect(() => r.setSize(3)).toThrow(/knows 2 keys/)
  })

  it('a string key and a number key of the same text are two keys, and a string key cut from the catalogue is new when seen again', () => {
    const r = new KeyRegistry()
    const s1 = r.touch('1', '"1"', 1, true)
    const n1 = r.touch(1, '1', 2, true)
    expect(n1).not.toBe(s1)
    expect(r.touch('1', '"1"', 3, true)).toBe(s1)
    expect(keys(r)).toEqual(['"1"', '1'])
    r.setSize(0)
    r.touch(1, '1', 4, true)
    const again = r.touch('1', '"1"', 5, true)
    expect(again).not.toBe(s1)
    expect(keys(r)).toEqual(['1', '"1"'])
    expect([again.firstStep, again.records]).toEqual([5, 1])
  })

  it('a frame and the deltas after it put back every key\'s counts and the size', () => {
    const r = new KeyRegistry()
    const journal = new RegistryJournal()
    r.watcher = journal
    r.touch('a', '"a"', 1, true)
    r.touch('b', '"b"', 2, true)
    const frame = registryFrame(r)
    journal.take()
    r.touch('a', '"a"', 3, false)
    r.touch('c', '"c"', 4, true)
    const d1 = registryDelta(r, journal)
    expect([...d1.ords]).toEqual([0, 2])
    const at4 = counts(r)
    r.touch('b', '"b"', 5, true)
    r.touch('d', '"d"', 6, true)
    restoreRegistry(r, frame, [])
    expect(counts(r)).toEqual([['"a"', 1, 1, 1], ['"b"', 2, 2, 1]])
    restoreRegistry(r, frame, [d1])
    expect(counts(r)).toEqual(at4)
  })

  it('the journal lists each touched key once until it is taken', () => {
    const r = new KeyRegistry()
    const journal = new RegistryJournal()
    r.watcher = journal
    r.touch('a', '"a"', 1, true)
    r.touch('b', '"b"', 2, true)
    r.touch('a', '"a"', 3, true)
    expect(journal.take()).toEqual([0, 1])
    r.touch('b', '"b"', 4, false)
    expect(journal.take()).toEqual([1])
  })
})
