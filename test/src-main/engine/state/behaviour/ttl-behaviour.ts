// TTL expiry, update types, visibility and the injected clock (U1–U4, VIS1–VIS2, TV1, C-TTL1–3),
// shown on ValueState; per-kind rules are in ttl-kinds-behaviour.ts.
import { expect, it } from 'vitest'
import { ValueStateDescriptor } from '../../../../../src-main/engine/api/descriptors'
import { StateTtlConfig } from '../../../../../src-main/engine/api/ttl-config'
import { Time } from '../../../../../src-main/engine/api/time'
import type { UseFixture } from '../state-fixture'
import { onReadAndWrite, returnExpired, withTtl } from './ttl-helpers'

export function ttlBehaviour(use: UseFixture): void {
  it('U1: a value expires exactly at lastAccess + ttl', () => {
    const f = use().as('a')
    const s = f.ops.getState(withTtl(new ValueStateDescriptor<number>('v'), 10))
    f.clock.set(100)
    s.update(1)
    f.clock.set(109)
    expect(s.value()).toBe(1)
    f.clock.set(110)
    expect(s.value()).toBeNull()
  })

  it('U1: the overflow guard caps the expiry of a huge stamp at MAX instead of overflowing', () => {
    const f = use().as('a')
    const s = f.ops.getState(withTtl(new ValueStateDescriptor<number>('v'), 1e18))
    f.clock.set(9e18)
    s.update(1)
    expect(s.value()).toBe(1)
    expect(f.ops.inspectKey('"a"')[0].entries[0].ttl!.expiresAt).toBe(9223372036854775807)
  })

  it('U2: every write stores the clock\'s stamp, so a rewrite extends the life', () => {
    const f = use().as('a')
    const s = f.ops.getState(withTtl(new ValueStateDescriptor<number>('v'), 10))
    s.update(1)
    f.clock.set(8)
    s.update(2)
    expect(f.ops.readRaw('v', '"a"')).toEqual({ v: 2, t: 8 })
    f.clock.set(17)
    expect(s.value()).toBe(2)
    f.clock.set(18)
    expect(s.value()).toBeNull()
  })

  it('U3: OnCreateAndWrite (the default) does not refresh on read', () => {
    const f = use().as('a')
    const s = f.ops.getState(withTtl(new ValueStateDescriptor<number>('v'), 10))
    s.update(1)
    f.clock.set(5)
    expect(s.value()).toBe(1)
    expect(f.ops.readRaw('v', '"a"')).toEqual({ v: 1, t: 0 })
    f.clock.set(10)
    expect(s.value()).toBeNull()
  })

  it('U3: OnReadAndWrite re-stamps an unexpired value on read, extending its life', () => {
    const f = use().as('a')
    const s = f.ops.getState(withTtl(new ValueStateDescriptor<number>('v'), 10, onReadAndWrite))
    s.update(1)
    f.clock.set(9)
    expect(s.value()).toBe(1)
    expect(f.ops.readRaw('v', '"a"')).toEqual({ v: 1, t: 9 })
    f.clock.set(18)
    expect(s.value()).toBe(1)
    f.clock.set(28)
    expect(s.value()).toBeNull()
  })

  it('U3: reading an expired value never refreshes it, even under OnReadAndWrite', () => {
    const f = use().as('a')
    const s = f.ops.getState(withTtl(new ValueStateDescriptor<number>('v'), 10, (b) => b.updateTtlOnReadAndWrite().returnExpiredIfNotCleanedUp()))
    s.update(1)
    f.clock.set(10)
    expect(s.value()).toBe(1) // VIS2: handed out once...
    expect(f.ops.readRaw('v', '"a"')).toBeUndefined() // ...and deleted, not re-stamped
  })

  it('U4: writes store stampTime() and expiry is judged against now() of the injected clock', () => {
    const f = use().as('a')
    const s = f.ops.getState(withTtl(new ValueStateDescriptor<number>('v'), 10))
    f.clock.stamp = 50 // e.g. event-time TTL: the record's timestamp...
    f.clock.current = 40 // ...and the watermark as now
    s.update(1)
    expect(f.ops.readRaw('v', '"a"')).toEqual({ v: 1, t: 50 })
    f.clock.current = 59
    expect(s.value()).toBe(1)
    f.clock.current = 60
    expect(s.value()).toBeNull()
  })

  it('U4: EventTime TTL states use the event-time TTL clock, ProcessingTime ones the processing-time clock', () => {
    const f = use().as('a')
    const ev = f.ops.getState(withTtl(new ValueStateDescriptor<number>('ev'), 10,
      (b) => b.setTtlTimeCharacteristic(StateTtlConfig.TtlTimeCharacteristic.EventTime)))
    const pt = f.ops.getState(withTtl(new ValueStateDescriptor<number>('pt'), 10))
    f.eventClock.set(1000)
    f.clock.set(5)
    ev.update(1)
    pt.update(1)
    expect(f.ops.readRaw('ev', '"a"')).toEqual({ v: 1, t: 1000 })
    expect(f.ops.readRaw('pt', '"a"')).toEqual({ v: 1, t: 5 })
    f.eventClock.current = 1010 // the watermark passes the event-time expiry; processing time stands still
    expect(f.ops.inspectKey('"a"').map((s) => s.entries[0].ttl!.expired)).toEqual([true, false])
    expect(f.ops.expiredNotCleaned()).toBe(1)
    expect(ev.value()).toBeNull()
    expect(pt.value()).toBe(1)
  })

  it('VIS1: NeverReturnExpired treats an expired value as absent and the read deletes it', () => {
    const f = use().as('a')
    const s = f.ops.getState(withTtl(new ValueStateDescriptor<number>('v'), 10))
    s.update(1)
    f.clock.set(10)
    expect(f.ops.readRaw('v', '"a"')).toEqual({ v: 1, t: 0 }) // still stored before the read
    expect(s.value()).toBeNull()
    expect(f.ops.readRaw('v', '"a"')).toBeUndefined()
  })

  it('VIS2: ReturnExpiredIfNotCleanedUp returns an expired value once, then absent', () => {
    const f = use().as('a')
    const s = f.ops.getState(withTtl(new ValueStateDescriptor<number>('v'), 10, returnExpired))
    s.update(1)
    f.clock.set(25)
    expect(s.value()).toBe(1)
    expect(s.value()).toBeNull()
  })

  it('TV1: update(v) stores {v, t}; update(null) reads back as null', () => {
    const f = use().as('a')
    const s = f.ops.getState(withTtl(new ValueStateDescriptor<{ n: number }>('v'), 10))
    f.clock.set(3)
    s.update({ n: 1 })
    expect(f.ops.readRaw('v', '"a"')).toEqual({ v: { n: 1 }, t: 3 })
    s.update(null)
    expect(s.value()).toBeNull()
  })

  it('V4: with TTL the descriptor default is ignored: missing and expired state read as null', () => {
    const f = use().as('a')
    const s = f.ops.getState(withTtl(new ValueStateDescriptor<number>('v', undefined, 42), 10))
    expect(s.value()).toBeNull()
    s.update(1)
    f.clock.set(10)
    expect(s.value()).toBeNull()
  })

  it('TTL values are copied on write and on read', () => {
    const f = use().as('a')
    const s = f.ops.getState(withTtl(new ValueStateDescriptor<{ n: number }>('v'), 10, onReadAndWrite))
    const v = { n: 1 }
    s.update(v)
    v.n = 2
    s.value()!.n = 3
    expect(s.value()).toEqual({ n: 1 })
  })

  it('C-TTL1: defaults are OnCreateAndWrite, NeverReturnExpired, ProcessingTime, incremental cleanup of 5 keys', () => {
    const f = use()
    const d = new ValueStateDescriptor<number>('v')
    d.enableTimeToLive(StateTtlConfig.newBuilder(Time.seconds(1)).build())
    f.ops.getState(d)
    expect(f.ops.descriptors()[0].ttl).toEqual({
      ttlMillis: 1000, updateType: 'OnCreateAndWrite', stateVisibility: 'NeverReturnExpired',
      timeCharacteristic: 'ProcessingTime', cleanup: 'on access, incremental (5 keys per access)',
    })
  })

  it('C-TTL2: a TTL must be positive, and UpdateType.Disabled means no TTL', () => {
    expect(() => StateTtlConfig.newBuilder(0)).toThrow('TTL is expected to be positive')
    const f = use().as('a')
    const d = new ValueStateDescriptor<number>('v')
    d.enableTimeToLive(StateTtlConfig.newBuilder(10).setUpdateType(StateTtlConfig.UpdateType.Disabled).build())
    const s = f.ops.getState(d)
    s.update(1)
    f.clock.set(1000)
    expect(s.value()).toBe(1)
    expect(f.ops.readRaw('v', '"a"')).toBe(1) // stored plain, not as {v, t}
  })
}
