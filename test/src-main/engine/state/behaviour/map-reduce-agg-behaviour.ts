// Behaviour of MapState (M1–M4), ReducingState (R1–R3) and AggregatingState (A1–A3) without TTL.
import { expect, it } from 'vitest'
import {
  type AggregateFunction, AggregatingStateDescriptor, MapStateDescriptor, ReducingStateDescriptor,
} from '../../../../../src-main/engine/api/descriptors'
import { keyToString } from '../../../../../src-main/engine/runtime/key-codec'
import type { UseFixture } from '../state-fixture'

const sortEntries = <T>(xs: Iterable<[unknown, T]>): Array<[string, T]> =>
  [...xs].map(([k, v]): [string, T] => [JSON.stringify(k), v]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))

type Avg = { sum: number; count: number }
const average: AggregateFunction<number, Avg, number> = {
  createAccumulator: () => ({ sum: 0, count: 0 }),
  // Mutates the accumulator in place, as Java aggregate functions often do.
  add: (v, acc) => { acc.sum += v; acc.count += 1; return acc },
  getResult: (acc) => acc.sum / acc.count,
}

export function mapReducingAggregatingBehaviour(use: UseFixture): void {
  it('M1: a never-written map: get → null, contains → false, isEmpty → true, iterables empty (never null)', () => {
    const f = use().as('a')
    const m = f.ops.getMapState(new MapStateDescriptor<string, number>('m'))
    expect(m.get('x')).toBeNull()
    expect(m.contains('x')).toBe(false)
    expect(m.isEmpty()).toBe(true)
    expect([...m.entries()]).toEqual([])
    expect([...m.keys()]).toEqual([])
    expect([...m.values()]).toEqual([])
  })

  it('M2: put(k, null) is allowed: contains(k) → true and get(k) → null', () => {
    const f = use().as('a')
    const m = f.ops.getMapState(new MapStateDescriptor<string, number | null>('m'))
    m.put('k', null)
    expect(m.contains('k')).toBe(true)
    expect(m.get('k')).toBeNull()
    expect(m.isEmpty()).toBe(false)
    expect([...m.entries()]).toEqual([['k', null]])
  })

  it('M3: remove() of a missing key is a no-op; removing the last entry removes the map', () => {
    const f = use().as('a')
    const m = f.ops.getMapState(new MapStateDescriptor<string, number>('m'))
    m.remove('nothing')
    m.put('x', 1)
    m.put('y', 2)
    m.remove('x')
    expect(m.isEmpty()).toBe(false)
    m.remove('y')
    expect(m.isEmpty()).toBe(true)
    expect(f.ops.readRaw('m', '"a"')).toBeUndefined()
    expect([...f.ops.keys()]).toEqual([])
  })

  it('M4: entries, keys and values hold the same set (order unspecified)', () => {
    const f = use().as('a')
    const m = f.ops.getMapState(new MapStateDescriptor<string, number>('m'))
    m.put('b', 2); m.put('a', 1); m.put('c', 3)
    expect(sortEntries(m.entries())).toEqual([['"a"', 1], ['"b"', 2], ['"c"', 3]])
    expect([...m.keys()].sort()).toEqual(['a', 'b', 'c'])
    expect([...m.values()].sort()).toEqual([1, 2, 3])
  })

  it('M: user keys may be any JSON value and are stored under keyToString(userKey)', () => {
    const f = use().as('a')
    const m = f.ops.getMapState(new MapStateDescriptor<unknown, string>('m'))
    m.put(7, 'seven')
    m.put('7', 'string seven')
    m.put({ b: 1, a: [true, null] }, 'object')
    m.put([1, 'x'], 'array')
    m.put(null, 'null key')
    expect(m.get(7)).toBe('seven')
    expect(m.get('7')).toBe('string seven')
    expect(m.get({ a: [true, null], b: 1 })).toBe('object') // member order does not matter
    expect(m.get([1, 'x'])).toBe('array')
    expect(m.get(null)).toBe('null key')
    const raw = f.ops.readRaw('m', '"a"') as Array<[string, unknown]>
    expect(raw.map(([uk]) => uk).sort()).toEqual(
      [keyToString(7), keyToString('7'), keyToString({ a: [true, null], b: 1 }), keyToString([1, 'x']), 'null'].sort())
    expect([...m.keys()]).toContainEqual({ a: [true, null], b: 1 })
  })

  it('M: putAll takes [key, value] pairs, a JS Map or a plain object', () => {
    const f = use().as('a')
    const m = f.ops.getMapState(new MapStateDescriptor<string, number>('m'))
    m.putAll([['a', 1], ['b', 2]])
    m.putAll(new Map([['c', 3]]))
    m.putAll({ d: 4 })
    expect(sortEntries(m.entries())).toEqual([['"a"', 1], ['"b"', 2], ['"c"', 3], ['"d"', 4]])
    expect(() => m.putAll(null as unknown as Record<string, number>)).toThrow(/state "m": putAll/)
  })

  it('M: map values are copied on put and on every read', () => {
    const f = use().as('a')
    const m = f.ops.getMapState(new MapStateDescriptor<string, { n: number }>('m'))
    const v = { n: 1 }
    m.put('k', v)
    v.n = 2
    m.get('k')!.n = 3
    for (const [, x] of m.entries()) x.n = 4
    for (const x of m.values()) x.n = 5
    expect(m.get('k')).toEqual({ n: 1 })
  })

  it('M: clear() removes every entry of the current key only', () => {
    const f = use()
    const m = f.ops.getMapState(new MapStateDescriptor<string, number>('m'))
    f.as('a'); m.put('x', 1); m.put('y', 2)
    f.as('b'); m.put('x', 3)
    f.as('a'); m.clear()
    expect(m.isEmpty()).toBe(true)
    f.as('b')
    expect(m.get('x')).toBe(3)
  })

  it('R1: get() on empty reducing state is null', () => {
    const f = use().as('a')
    const r = f.ops.getReducingState(new ReducingStateDescriptor<number>('sum', (a, b) => a + b))
    expect(r.get()).toBeNull()
  })

  it('R2: the first value is stored unchanged (no seed call); later adds store reduce(previous, value)', () => {
    const f = use().as('a')
    const calls: Array<[string, string]> = []
    const r = f.ops.getReducingState(new ReducingStateDescriptor<string>('cat', (a, b) => { calls.push([a, b]); return `${a}|${b}` }))
    r.add('x')
    expect(calls).toEqual([])
    expect(r.get()).toBe('x')
    r.add('y')
    r.add('z')
    expect(calls).toEqual([['x', 'y'], ['x|y', 'z']]) // previous is the first argument
    expect(r.get()).toBe('x|y|z')
  })

  it('R3: add(null) clears reducing state', () => {
    const f = use().as('a')
    const r = f.ops.getReducingState(new ReducingStateDescriptor<number | null>('sum', (a, b) => (a ?? 0) + (b ?? 0)))
    r.add(1)
    r.add(null)
    expect(r.get()).toBeNull()
    expect(f.ops.readRaw('sum', '"a"')).toBeUndefined()
  })

  it('R: a reduce function that mutates its first argument cannot change stored state behind add()', () => {
    const f = use().as('a')
    const r = f.ops.getReducingState(new ReducingStateDescriptor<number[]>('l', (a, b) => { a.push(...b); return a }))
    r.add([1])
    r.add([2])
    const got = r.get()!
    got.push(99)
    expect(r.get()).toEqual([1, 2])
  })

  it('A1: get() on empty aggregating state is null, not getResult(createAccumulator())', () => {
    const f = use().as('a')
    const s = f.ops.getAggregatingState(new AggregatingStateDescriptor('avg', average))
    expect(s.get()).toBeNull()
  })

  it('A2: add() creates the accumulator on first use, then adds; get() is getResult(acc)', () => {
    const f = use().as('a')
    const s = f.ops.getAggregatingState(new AggregatingStateDescriptor('avg', average))
    s.add(2)
    s.add(4)
    expect(s.get()).toBe(3)
    expect(f.ops.readRaw('avg', '"a"')).toEqual({ sum: 6, count: 2 })
  })

  it('A3: add(null) clears aggregating state', () => {
    const f = use().as('a')
    const s = f.ops.getAggregatingState(new AggregatingStateDescriptor<number | null, Avg, number>('avg',
      average as unknown as AggregateFunction<number | null, Avg, number>))
    s.add(1)
    s.add(null)
    expect(s.get()).toBeNull()
  })

  it('A: getResult() that returns the accumulator hands out a copy', () => {
    const f = use().as('a')
    const s = f.ops.getAggregatingState(new AggregatingStateDescriptor<number, Avg, Avg>('acc', {
      createAccumulator: () => ({ sum: 0, count: 0 }),
      add: (v, acc) => ({ sum: acc.sum + v, count: acc.count + 1 }),
      getResult: (acc) => acc,
    }))
    s.add(5)
    s.get()!.sum = 100
    expect(s.get()).toEqual({ sum: 5, count: 1 })
  })
}
