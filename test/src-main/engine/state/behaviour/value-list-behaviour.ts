// Behaviour of ValueState (V1–V5) and ListState (L1–L5) without TTL, with copy semantics.
import { expect, it } from 'vitest'
import { ListStateDescriptor, ValueStateDescriptor } from '../../../../../src-main/engine/api/descriptors'
import { Types } from '../../../../../src-main/engine/api/types'
import type { UseFixture } from '../state-fixture'

export function valueAndListBehaviour(use: UseFixture): void {
  it('V1: value() is null when nothing was written for the current key', () => {
    const f = use().as('a')
    const s = f.ops.getState(new ValueStateDescriptor<number>('count', Types.LONG))
    expect(s.value()).toBeNull()
  })

  it('V1: the deprecated descriptor default is returned, as a fresh copy each time', () => {
    const f = use().as('a')
    const s = f.ops.getState(new ValueStateDescriptor<{ n: number }>('d', Types.ROW, { n: 1 }))
    const first = s.value()!
    expect(first).toEqual({ n: 1 })
    first.n = 99
    expect(s.value()).toEqual({ n: 1 })
    expect(f.ops.readRaw('d', '"a"')).toBeUndefined() // the default is not stored
  })

  it('V2: update(null) is clear(): the entry is removed and value() is null again', () => {
    const f = use().as('a')
    const s = f.ops.getState(new ValueStateDescriptor<number>('count'))
    s.update(3)
    expect(s.value()).toBe(3)
    s.update(null)
    expect(s.value()).toBeNull()
    expect(f.ops.readRaw('count', '"a"')).toBeUndefined()
    expect(f.ops.entryCount('"a"')).toBe(0)
  })

  it('V2: after update(null) a descriptor default is visible again', () => {
    const f = use().as('a')
    const s = f.ops.getState(new ValueStateDescriptor<number>('d', Types.LONG, 7))
    s.update(1)
    s.update(null)
    expect(s.value()).toBe(7)
  })

  it('V3: clear() removes only the current key\'s entry', () => {
    const f = use()
    const s = f.ops.getState(new ValueStateDescriptor<string>('v'))
    f.as('a'); s.update('A')
    f.as('b'); s.update('B')
    f.as('a'); s.clear()
    expect(s.value()).toBeNull()
    f.as('b')
    expect(s.value()).toBe('B')
  })

  it('V5: mutating the object given to update() or returned by value() never changes state', () => {
    const f = use().as('a')
    const s = f.ops.getState(new ValueStateDescriptor<{ xs: number[] }>('obj'))
    const mine = { xs: [1, 2] }
    s.update(mine)
    mine.xs.push(3)
    const read = s.value()!
    expect(read).toEqual({ xs: [1, 2] })
    read.xs.push(4)
    expect(s.value()).toEqual({ xs: [1, 2] })
  })

  it('V: values of every JSON shape round-trip (numbers, strings, booleans, arrays, nested objects)', () => {
    const f = use().as('a')
    const s = f.ops.getState(new ValueStateDescriptor<unknown>('any'))
    for (const v of [0, -1.5, 2 ** 53, '', 'héllo', true, false, [], [1, [2, [3]]], {}, { a: { b: [null, 'x'] } }]) {
      s.update(v)
      expect(s.value()).toEqual(v)
    }
  })

  it('L1: get() on an empty list is an empty iterable, never null', () => {
    const f = use().as('a')
    const s = f.ops.getListState(new ListStateDescriptor<number>('l'))
    const got = s.get()
    expect(got).not.toBeNull()
    expect([...got]).toEqual([])
  })

  it('L2: add() appends and keeps insertion order', () => {
    const f = use().as('a')
    const s = f.ops.getListState(new ListStateDescriptor<string>('l'))
    s.add('c'); s.add('a'); s.add('b')
    expect([...s.get()]).toEqual(['c', 'a', 'b'])
  })

  it('L3: add(null) throws "You cannot add null to a ListState." and stores nothing', () => {
    const f = use().as('a')
    const s = f.ops.getListState(new ListStateDescriptor<number | null>('l'))
    s.add(1)
    expect(() => s.add(null)).toThrow(/^You cannot add null to a ListState\./)
    expect([...s.get()]).toEqual([1])
  })

  it('L4: addAll(null) throws "List of values to add cannot be null."', () => {
    const f = use().as('a')
    const s = f.ops.getListState(new ListStateDescriptor<number>('l'))
    expect(() => s.addAll(null as unknown as number[])).toThrow('List of values to add cannot be null.')
  })

  it('L4: addAll([]) is a no-op and addAll appends in order', () => {
    const f = use().as('a')
    const s = f.ops.getListState(new ListStateDescriptor<number>('l'))
    s.addAll([])
    expect(f.ops.readRaw('l', '"a"')).toBeUndefined()
    s.add(1)
    s.addAll([2, 3])
    expect([...s.get()]).toEqual([1, 2, 3])
  })

  it('L4: addAll with a null element throws "You cannot add null to a ListState." and adds nothing', () => {
    const f = use().as('a')
    const s = f.ops.getListState(new ListStateDescriptor<number | null>('l'))
    s.add(1)
    expect(() => s.addAll([2, null, 3])).toThrow('You cannot add null to a ListState.')
    expect([...s.get()]).toEqual([1])
  })

  it('L5: update(null) throws "List of values to add cannot be null."', () => {
    const f = use().as('a')
    const s = f.ops.getListState(new ListStateDescriptor<number>('l'))
    expect(() => s.update(null as unknown as number[])).toThrow('List of values to add cannot be null.')
  })

  it('L5: update([]) is clear() and update(list) replaces the whole list', () => {
    const f = use().as('a')
    const s = f.ops.getListState(new ListStateDescriptor<number>('l'))
    s.addAll([1, 2, 3])
    s.update([9, 8])
    expect([...s.get()]).toEqual([9, 8])
    s.update([])
    expect([...s.get()]).toEqual([])
    expect(f.ops.readRaw('l', '"a"')).toBeUndefined()
  })

  it('L5: update() with a null element throws and keeps the old list', () => {
    const f = use().as('a')
    const s = f.ops.getListState(new ListStateDescriptor<number | null>('l'))
    s.add(1)
    expect(() => s.update([2, null])).toThrow('You cannot add null to a ListState.')
    expect([...s.get()]).toEqual([1])
  })

  it('L: list elements are copied on add and on get', () => {
    const f = use().as('a')
    const s = f.ops.getListState(new ListStateDescriptor<{ n: number }>('l'))
    const el = { n: 1 }
    s.add(el)
    el.n = 2
    const got = [...s.get()]
    expect(got).toEqual([{ n: 1 }])
    got[0].n = 3
    got.push({ n: 4 })
    expect([...s.get()]).toEqual([{ n: 1 }])
  })

  it('L: clear() empties only the current key\'s list', () => {
    const f = use()
    const s = f.ops.getListState(new ListStateDescriptor<number>('l'))
    f.as('a'); s.add(1)
    f.as('b'); s.add(2)
    f.as('a'); s.clear()
    expect([...s.get()]).toEqual([])
    f.as('b')
    expect([...s.get()]).toEqual([2])
  })
}
