// TTL per state kind: lists per element (TL1–TL3), maps per entry (TM1–TM2), reducing (TR1–TR2) and
// aggregating (TA1–TA2) state; C-TTL3 (elements and entries expire independently).
import { expect, it } from 'vitest'
import {
  AggregatingStateDescriptor, ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor,
} from '../../../../../src-main/engine/api/descriptors'
import type { UseFixture } from '../state-fixture'
import { onReadAndWrite, returnExpired, withTtl } from './ttl-helpers'

const sum = { createAccumulator: () => 0, add: (v: number, acc: number) => acc + v, getResult: (acc: number) => acc }

export function ttlKindsBehaviour(use: UseFixture): void {
  it('TL1/C-TTL3: list get() filters element by element; expired elements stay stored under OnCreateAndWrite', () => {
    const f = use().as('a')
    const l = f.ops.getListState(withTtl(new ListStateDescriptor<string>('l'), 10))
    l.add('old')
    f.clock.set(5)
    l.add('new')
    f.clock.set(10)
    expect([...l.get()]).toEqual(['new'])
    expect(f.ops.readRaw('l', '"a"')).toEqual([{ v: 'old', t: 0 }, { v: 'new', t: 5 }])
  })

  it('TL1: when every element has expired, get() is empty and the whole list is cleared', () => {
    const f = use().as('a')
    const l = f.ops.getListState(withTtl(new ListStateDescriptor<string>('l'), 10))
    l.addAll(['x', 'y'])
    f.clock.set(10)
    expect([...l.get()]).toEqual([])
    expect(f.ops.readRaw('l', '"a"')).toBeUndefined()
  })

  it('TL1: under ReturnExpiredIfNotCleanedUp list get() still returns expired elements', () => {
    const f = use().as('a')
    const l = f.ops.getListState(withTtl(new ListStateDescriptor<string>('l'), 10, returnExpired))
    l.add('x')
    f.clock.set(10)
    expect([...l.get()]).toEqual(['x'])
  })

  it('TL2: OnReadAndWrite get() rewrites the list as its unexpired elements, each stamped now', () => {
    const f = use().as('a')
    const l = f.ops.getListState(withTtl(new ListStateDescriptor<string>('l'), 10, onReadAndWrite))
    l.add('old')
    f.clock.set(5)
    l.add('mid')
    f.clock.set(12)
    expect([...l.get()]).toEqual(['mid'])
    expect(f.ops.readRaw('l', '"a"')).toEqual([{ v: 'mid', t: 12 }])
  })

  it('TL3: add, addAll and update stamp new elements; existing elements keep their stamps', () => {
    const f = use().as('a')
    const l = f.ops.getListState(withTtl(new ListStateDescriptor<number>('l'), 10))
    l.add(1)
    f.clock.set(2)
    l.addAll([2, 3])
    expect(f.ops.readRaw('l', '"a"')).toEqual([{ v: 1, t: 0 }, { v: 2, t: 2 }, { v: 3, t: 2 }])
    f.clock.set(4)
    l.update([7])
    expect(f.ops.readRaw('l', '"a"')).toEqual([{ v: 7, t: 4 }])
  })

  it('TL: the list null rules (L3–L5) hold with TTL', () => {
    const f = use().as('a')
    const l = f.ops.getListState(withTtl(new ListStateDescriptor<number | null>('l'), 10))
    expect(() => l.add(null)).toThrow('You cannot add null to a ListState.')
    expect(() => l.addAll(null as unknown as number[])).toThrow('List of values to add cannot be null.')
    expect(() => l.update([1, null])).toThrow('You cannot add null to a ListState.')
    l.add(1)
    l.update([])
    expect(f.ops.readRaw('l', '"a"')).toBeUndefined()
  })

  it('TM1/C-TTL3: map get() and contains() apply TTL to that entry only and remove it when expired', () => {
    const f = use().as('a')
    const m = f.ops.getMapState(withTtl(new MapStateDescriptor<string, number>('m'), 10))
    m.put('old', 1)
    f.clock.set(5)
    m.put('new', 2)
    f.clock.set(10)
    expect(m.contains('old')).toBe(false)
    expect(m.get('new')).toBe(2)
    expect((f.ops.readRaw('m', '"a"') as Array<[string, unknown]>).map(([uk]) => uk)).toEqual(['"new"'])
  })

  it('TM1: OnReadAndWrite refreshes the accessed entry only', () => {
    const f = use().as('a')
    const m = f.ops.getMapState(withTtl(new MapStateDescriptor<string, number>('m'), 10, onReadAndWrite))
    m.putAll([['x', 1], ['y', 2]])
    f.clock.set(6)
    expect(m.get('x')).toBe(1)
    const raw = new Map(f.ops.readRaw('m', '"a"') as Array<[string, unknown]>)
    expect(raw.get('"x"')).toEqual({ v: 1, t: 6 })
    expect(raw.get('"y"')).toEqual({ v: 2, t: 0 })
  })

  it('M2 with TTL: put(k, null) is kept as an entry: contains → true, get → null', () => {
    const f = use().as('a')
    const m = f.ops.getMapState(withTtl(new MapStateDescriptor<string, number | null>('m'), 10))
    m.put('k', null)
    expect(m.contains('k')).toBe(true)
    expect(m.get('k')).toBeNull()
    f.clock.set(10)
    expect(m.contains('k')).toBe(false)
  })

  it('TM2: iteration skips expired entries and removes them from storage', () => {
    const f = use().as('a')
    const m = f.ops.getMapState(withTtl(new MapStateDescriptor<string, number>('m'), 10))
    m.put('old', 1)
    f.clock.set(5)
    m.put('new', 2)
    f.clock.set(10)
    expect([...m.entries()]).toEqual([['new', 2]])
    expect([...m.keys()]).toEqual(['new'])
    expect([...m.values()]).toEqual([2])
    expect(f.ops.entryCount('"a"')).toBe(1)
    f.clock.set(15)
    expect(m.isEmpty()).toBe(true)
    expect(f.ops.readRaw('m', '"a"')).toBeUndefined()
  })

  it('TM2: under OnReadAndWrite iteration re-stamps every visited unexpired entry', () => {
    const f = use().as('a')
    const m = f.ops.getMapState(withTtl(new MapStateDescriptor<string, number>('m'), 10, onReadAndWrite))
    m.putAll({ x: 1, y: 2 })
    f.clock.set(7)
    expect([...m.values()].sort()).toEqual([1, 2])
    const raw = f.ops.readRaw('m', '"a"') as Array<[string, { t: number }]>
    expect(raw.map(([, tv]) => tv.t)).toEqual([7, 7])
  })

  it('TM2/VIS2: under ReturnExpiredIfNotCleanedUp iteration returns expired entries once and deletes them', () => {
    const f = use().as('a')
    const m = f.ops.getMapState(withTtl(new MapStateDescriptor<string, number>('m'), 10, returnExpired))
    m.put('x', 1)
    f.clock.set(10)
    expect(m.isEmpty()).toBe(false)
    expect([...m.entries()]).toEqual([['x', 1]])
    expect([...m.entries()]).toEqual([])
  })

  it('TR1: a reducing add() after expiry starts from the new value and stamps the result', () => {
    const f = use().as('a')
    const r = f.ops.getReducingState(withTtl(new ReducingStateDescriptor<number>('r', (a, b) => a + b), 10))
    r.add(1)
    r.add(2)
    expect(r.get()).toBe(3)
    f.clock.set(10)
    r.add(5)
    expect(r.get()).toBe(5)
    expect(f.ops.readRaw('r', '"a"')).toEqual({ v: 5, t: 10 })
    f.clock.set(20)
    expect(r.get()).toBeNull() // TR1: get() applies U1/VIS
  })

  it('TR2: under ReturnExpiredIfNotCleanedUp add() reduces with the expired value and renews its stamp', () => {
    const f = use().as('a')
    const r = f.ops.getReducingState(withTtl(new ReducingStateDescriptor<number>('r', (a, b) => a + b), 10, returnExpired))
    r.add(1)
    f.clock.set(10)
    r.add(5)
    expect(f.ops.readRaw('r', '"a"')).toEqual({ v: 6, t: 10 })
  })

  it('TA1: aggregating add() on an expired accumulator starts from createAccumulator()', () => {
    const f = use().as('a')
    const g = f.ops.getAggregatingState(withTtl(new AggregatingStateDescriptor('g', sum), 10))
    g.add(4)
    f.clock.set(10)
    g.add(1)
    expect(g.get()).toBe(1)
    expect(f.ops.readRaw('g', '"a"')).toEqual({ v: 1, t: 10 })
  })

  it('TA1: get() on an expired accumulator clears it and returns null', () => {
    const f = use().as('a')
    const g = f.ops.getAggregatingState(withTtl(new AggregatingStateDescriptor('g', sum), 10))
    g.add(4)
    f.clock.set(10)
    expect(g.get()).toBeNull()
    expect(f.ops.readRaw('g', '"a"')).toBeUndefined()
  })

  it('TA2: under ReturnExpiredIfNotCleanedUp add() continues the expired accumulator', () => {
    const f = use().as('a')
    const g = f.ops.getAggregatingState(withTtl(new AggregatingStateDescriptor('g', sum), 10, returnExpired))
    g.add(4)
    f.clock.set(10)
    g.add(1)
    expect(g.get()).toBe(5)
  })
}
