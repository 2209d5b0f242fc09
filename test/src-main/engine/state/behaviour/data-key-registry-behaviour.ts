// JSON-data checks on writes, key scoping (K6) and the per-operator registry of state handles.
import { expect, it } from 'vitest'
import {
  AggregatingStateDescriptor, ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor, ValueStateDescriptor,
} from '../../../../../src-main/engine/api/descriptors'
import { StateTtlConfig } from '../../../../../src-main/engine/api/ttl-config'
import type { UseFixture } from '../state-fixture'

export function dataAndKeyBehaviour(use: UseFixture): void {
  it('rejects undefined with a TypeError that names the state', () => {
    const f = use().as('a')
    const s = f.ops.getState(new ValueStateDescriptor<unknown>('count'))
    expect(() => s.update(undefined)).toThrow(TypeError)
    expect(() => s.update(undefined)).toThrow(/state "count": value is undefined/)
  })

  it('rejects functions, symbols, bigints, NaN and Infinity', () => {
    const f = use().as('a')
    const s = f.ops.getState(new ValueStateDescriptor<unknown>('v'))
    expect(() => s.update(() => 1)).toThrow(/state "v": value is a function/)
    expect(() => s.update(Symbol('x'))).toThrow(/state "v": value is a symbol/)
    expect(() => s.update(10n)).toThrow(/state "v": value is a bigint/)
    expect(() => s.update(NaN)).toThrow(/state "v": value is NaN/)
    expect(() => s.update(Infinity)).toThrow(/state "v": value is Infinity/)
    expect(s.value()).toBeNull()
  })

  it('rejects class instances (Date, Map, user classes) but accepts plain and null-prototype objects', () => {
    const f = use().as('a')
    const s = f.ops.getState(new ValueStateDescriptor<unknown>('v'))
    class Point { constructor(public x: number) {} }
    expect(() => s.update(new Date(0))).toThrow(/a Date .*store date\.getTime\(\)/)
    expect(() => s.update(new Map())).toThrow(/state "v": value is a Map/)
    expect(() => s.update(new Point(1))).toThrow(/state "v": value is a Point/)
    const bare = Object.create(null) as Record<string, number>
    bare.x = 1
    s.update(bare)
    expect(s.value()).toEqual({ x: 1 })
  })

  it('names the path of a bad nested value', () => {
    const f = use().as('a')
    const s = f.ops.getState(new ValueStateDescriptor<unknown>('v'))
    expect(() => s.update({ a: [1, { b: () => 0 }] })).toThrow('state "v": value.a[1].b is a function')
  })

  it('rejects a cyclic value with a short message instead of overflowing the stack', () => {
    const f = use().as('a')
    const s = f.ops.getState(new ValueStateDescriptor<unknown>('v'))
    const cyclic: Record<string, unknown> = { n: 1 }
    cyclic.self = cyclic
    expect(() => s.update(cyclic)).toThrow(/^state "v": value\.self\.self.*… is nested more than 500 levels deep \(a cycle\?\)/)
    expect(s.value()).toBeNull()
  })

  it('drops object members that are undefined (as JSON does) so every backend stores the same thing', () => {
    const f = use().as('a')
    const s = f.ops.getState(new ValueStateDescriptor<unknown>('v'))
    s.update({ a: 1, b: undefined })
    expect(s.value()).toEqual({ a: 1 })
    expect(Object.keys(s.value() as object)).toEqual(['a'])
  })

  it('rejects bad values in every kind: list elements, map values and keys, reduce results, accumulators', () => {
    const f = use().as('a')
    const l = f.ops.getListState(new ListStateDescriptor<unknown>('l'))
    expect(() => l.add(undefined)).toThrow(/state "l"/)
    expect(() => l.addAll([1, NaN])).toThrow(/state "l": addAll\[1\] is NaN/)
    const m = f.ops.getMapState(new MapStateDescriptor<unknown, unknown>('m'))
    expect(() => m.put('k', undefined)).toThrow(/state "m": map value is undefined/)
    expect(() => m.put(() => 0, 1)).toThrow(/state "m": a map key must be JSON data/)
    const r = f.ops.getReducingState(new ReducingStateDescriptor<unknown>('r', () => undefined))
    r.add(1)
    expect(() => r.add(2)).toThrow(/state "r": result of the reduce function is undefined/)
    expect(r.get()).toBe(1)
    const agg = f.ops.getAggregatingState(new AggregatingStateDescriptor<number, unknown, unknown>('g', {
      createAccumulator: () => 0, add: () => new Set(), getResult: (a) => a,
    }))
    expect(() => agg.add(1)).toThrow(/state "g": accumulator returned by add\(\) is a Set/)
  })

  it('K6: one key\'s state is never visible under another key, for every kind', () => {
    const f = use()
    const v = f.ops.getState(new ValueStateDescriptor<number>('v'))
    const l = f.ops.getListState(new ListStateDescriptor<number>('l'))
    const m = f.ops.getMapState(new MapStateDescriptor<string, number>('m'))
    const r = f.ops.getReducingState(new ReducingStateDescriptor<number>('r', (a, b) => a + b))
    const g = f.ops.getAggregatingState(new AggregatingStateDescriptor<number, number, number>('g',
      { createAccumulator: () => 0, add: (x, acc) => acc + x, getResult: (acc) => acc }))
    f.as('a')
    v.update(1); l.add(1); m.put('x', 1); r.add(1); g.add(1)
    for (const other of ['b', 1, { id: 'a' }, ['a']]) {
      f.as(other)
      expect(v.value()).toBeNull()
      expect([...l.get()]).toEqual([])
      expect(m.isEmpty()).toBe(true)
      expect(r.get()).toBeNull()
      expect(g.get()).toBeNull()
    }
    f.as('a')
    expect([v.value(), [...l.get()], m.get('x'), r.get(), g.get()]).toEqual([1, [1], 1, 1, 1])
  })

  it('K6: keys are compared as JSON data: an equal object key addresses the same state', () => {
    const f = use()
    const v = f.ops.getState(new ValueStateDescriptor<string>('v'))
    f.as({ user: 'u1', region: 'eu' })
    v.update('hit')
    f.as({ region: 'eu', user: 'u1' })
    expect(v.value()).toBe('hit')
  })

  it('state used with no current key throws "keyed state accessed outside processElement/onTimer"', () => {
    const f = use().noKey()
    const v = f.ops.getState(new ValueStateDescriptor<number>('v'))
    const l = f.ops.getListState(new ListStateDescriptor<number>('l'))
    const m = f.ops.getMapState(new MapStateDescriptor<string, number>('m'))
    expect(() => v.value()).toThrow(/state "v": keyed state accessed outside processElement\/onTimer/)
    expect(() => v.update(1)).toThrow(/keyed state accessed outside processElement\/onTimer/)
    expect(() => l.get()).toThrow(/state "l": keyed state accessed outside/)
    expect(() => m.put('x', 1)).toThrow(/state "m": keyed state accessed outside/)
  })

  it('registry: the same name again returns the same handle', () => {
    const f = use()
    const a = f.ops.getState(new ValueStateDescriptor<number>('v'))
    const b = f.ops.getState(new ValueStateDescriptor<number>('v'))
    expect(b).toBe(a)
    expect(f.ops.descriptors().map((d) => d.name)).toEqual(['v'])
  })

  it('registry: the same name with another kind is a clear error', () => {
    const f = use()
    f.ops.getState(new ValueStateDescriptor<number>('s'))
    expect(() => f.ops.getListState(new ListStateDescriptor<number>('s')))
      .toThrow('state "s" of operator op-1 is already registered as value state without TTL; it cannot be registered again as list state without TTL')
  })

  it('registry: the same name with and without TTL is a clear error (C-TTL4)', () => {
    const f = use()
    f.ops.getState(new ValueStateDescriptor<number>('s'))
    const d = new ValueStateDescriptor<number>('s')
    d.enableTimeToLive(StateTtlConfig.newBuilder(1000).build())
    expect(() => f.ops.getState(d)).toThrow(/already registered as value state without TTL; .* as value state with TTL/)
  })

  it('registry: a descriptor of the wrong kind is rejected by name', () => {
    const f = use()
    const list = new ListStateDescriptor<number>('l') as unknown as ValueStateDescriptor<number>
    expect(() => f.ops.getState(list)).toThrow('getState("l"): expected a ValueStateDescriptor, got a ListStateDescriptor')
    expect(() => f.ops.getState(null as unknown as ValueStateDescriptor<number>)).toThrow(/getState: expected a state descriptor/)
  })

  it('two operators over one backend keep separate state under the same state name', () => {
    const f = use().as('a')
    const other = f.operator('op-2')
    const mine = f.ops.getState(new ValueStateDescriptor<number>('v'))
    const theirs = other.getState(new ValueStateDescriptor<number>('v'))
    mine.update(1)
    expect(theirs.value()).toBeNull()
    theirs.update(2)
    expect(mine.value()).toBe(1)
  })
}
