// The LevelDB timer queue must behave exactly as the in-memory TimerQueue (T1 dedupe, T2 delete,
// T5 poll before fire, ties in registration order), through flushes, a tiny cache and a reopen.
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { TimerQueue } from '../../../../../../src-main/engine/time/timer-queue'
import { LevelDbStateBackend } from '../../../../../../src-main/engine/state/leveldb/leveldb-backend'
import type { LevelDbTimerQueue } from '../../../../../../src-main/engine/state/leveldb/timers/leveldb-timer-queue'
import { removeTempDirs, tempDir } from '../tmp-dirs'

afterAll(removeTempDirs)

type Op = { what: number; key: number; ts: number }
const opArb: fc.Arbitrary<Op> = fc.record({ what: fc.nat(9), key: fc.nat(6), ts: fc.integer({ min: -3000, max: 20_000 }) })

function apply(q: TimerQueue | LevelDbTimerQueue, o: Op): unknown {
  const keyStr = JSON.stringify(`k${o.key}`)
  switch (o.what) {
    case 0: case 1: case 2: return q.register(o.ts, keyStr, `k${o.key}`)
    case 3: return q.registerIn(q.holderFor(keyStr), Math.floor(o.ts / 1000) * 1000, `k${o.key}`)
    case 4: return q.delete(o.ts, keyStr)
    case 5: { const t = q.poll(); return t === undefined ? null : [t.timestamp, t.keyStr, t.key, t.seq] }
    case 6: { const t = q.peek(); return t === undefined ? null : [t.timestamp, t.keyStr, t.seq, q.dueAt(o.ts)] }
    case 7: return [q.timersOf(keyStr), q.countOf(keyStr), q.size]
    case 8: return q.deleteIn(q.holderFor(keyStr), Math.floor(o.ts / 1000) * 1000)
    default: return [q.dump(), q.nextSeq()]
  }
}

describe('LevelDB timer queue', () => {
  // memoryLimit: the time index in LevelDB buckets from the start (0), in memory throughout (Infinity),
  // or moving from memory to buckets part-way (12).
  it.each([0, Infinity, 12])('answers every call exactly as the in-memory TimerQueue (time index in memory up to %s timers)', async (memoryLimit) => {
    await fc.assert(fc.asyncProperty(fc.array(opArb, { minLength: 100, maxLength: 400, size: 'max' }), async (ops) => {
      const b = await LevelDbStateBackend.open({ dir: tempDir(), cacheEntries: 16, batchSize: 4 })
      try {
        const mem = new TimerQueue()
        const ldb = b.timerQueue('op/event', { maxBucket: 4, memoryLimit }) // tiny buckets: splits and drops all the time
        for (const [i, o] of ops.entries()) {
          expect(apply(ldb, o)).toEqual(apply(mem, o))
          if (i % 37 === 0) await b.flush()
        }
        expect([...ldb.keys()].sort()).toEqual([...mem.keys()].sort())
        // Restore both from the in-memory dump and drain them.
        const dump = mem.dump()
        ldb.restore(dump, mem.nextSeq() + 5)
        mem.restore(dump, mem.nextSeq() + 5)
        for (;;) {
          const a = mem.poll()
          const c = ldb.poll()
          expect(c === undefined ? null : [c.timestamp, c.keyStr, c.seq]).toEqual(a === undefined ? null : [a.timestamp, a.keyStr, a.seq])
          if (a === undefined) break
        }
        expect(ldb.size).toBe(0)
      } finally {
        await b.close()
      }
    }), { numRuns: 30 })
  })

  it.each([['memory', Infinity], ['buckets', 0]] as const)('finds its pending timers again after close and reopen (time index in %s)', async (kind, memoryLimit) => {
    const dir = tempDir()
    const a = await LevelDbStateBackend.open({ dir })
    const q = a.timerQueue('op/event', { memoryLimit })
    q.register(5000, '"a"', 'a')
    q.register(1000, '"b"', 'b')
    q.register(5000, '"c"', 'c')
    q.delete(5000, '"a"')
    expect(q.indexKind).toBe(kind)
    await a.close()
    const b = await LevelDbStateBackend.open({ dir })
    try {
      const q2 = b.timerQueue('op/event')
      expect(q2.indexKind).toBe(kind)
      expect(q2.size).toBe(2)
      expect(q2.dump()).toEqual([{ timestamp: 1000, keyStr: '"b"', key: 'b', seq: 1 }, { timestamp: 5000, keyStr: '"c"', key: 'c', seq: 2 }])
      expect(q2.register(7000, '"a"', 'a')).toBe(true)
      expect(q2.nextSeq()).toBe(4)
      expect(b.timerQueue('op/processing').size).toBe(0)
    } finally {
      await b.close()
    }
  })

  it('rebuilds its bucket index on reopen after many splits, and fires in order', async () => {
    const dir = tempDir()
    const a = await LevelDbStateBackend.open({ dir, cacheEntries: 64, batchSize: 16 })
    const mem = new TimerQueue()
    const q = a.timerQueue('op/event', { maxBucket: 8 })
    let x = 3
    for (let i = 0; i < 3000; i++) {
      x = (x * 48271) % 2147483647
      const ts = x % 500 // dense: many timers per millisecond
      const keyStr = JSON.stringify(i % 700)
      if (x % 4 === 0) { q.delete(ts, keyStr); mem.delete(ts, keyStr) } else { q.register(ts, keyStr, i % 700); mem.register(ts, keyStr, i % 700) }
      if (b(i)) await a.flush()
    }
    await a.close()
    const c = await LevelDbStateBackend.open({ dir })
    try {
      const q2 = c.timerQueue('op/event', { maxBucket: 8 })
      expect(q2.size).toBe(mem.size)
      for (;;) {
        const t1 = mem.poll()
        const t2 = q2.poll()
        expect(t2 === undefined ? null : [t2.timestamp, t2.keyStr, t2.seq]).toEqual(t1 === undefined ? null : [t1.timestamp, t1.keyStr, t1.seq])
        if (t1 === undefined) break
      }
    } finally {
      await c.close()
    }
    function b(i: number): boolean { return i % 250 === 0 }
  })

  it('orders a queue of up to a cache of timers in memory, rebuilds that order from the key records on reopen, and moves it to LevelDB buckets when the queue outgrows the cache', async () => {
    const dir = tempDir()
    const a = await LevelDbStateBackend.open({ dir, cacheEntries: 200, batchSize: 50 })
    const mem = new TimerQueue()
    const q = a.timerQueue('op/event')
    const reg = a.keyRegistry('op')
    let x = 5
    const step = (i: number): void => {
      x = (x * 48271) % 2147483647
      const key = i % 300
      const keyStr = JSON.stringify(key)
      reg.touch(key, keyStr, i, true)
      if (x % 3 === 0) { q.delete(x % 900, keyStr); mem.delete(x % 900, keyStr) } else { q.register(x % 900, keyStr, key); mem.register(x % 900, keyStr, key) }
    }
    for (let i = 0; i < 150; i++) step(i)
    expect(q.size).toBeLessThanOrEqual(200)
    expect(q.indexKind).toBe('memory')
    await a.close()
    const b = await LevelDbStateBackend.open({ dir, cacheEntries: 200, batchSize: 50 })
    try {
      const q2 = b.timerQueue('op/event')
      expect(q2.indexKind).toBe('memory')
      expect(q2.dump()).toEqual(mem.dump())
      for (let i = 150; i < 900 && q2.indexKind === 'memory'; i++) {
        x = (x * 48271) % 2147483647
        const keyStr = JSON.stringify(i)
        q2.register(x % 900, keyStr, i)
        mem.register(x % 900, keyStr, i)
      }
      expect(q2.indexKind).toBe('buckets')
      expect(q2.size).toBe(201)
      expect(q2.dump()).toEqual(mem.dump())
      await b.flush()
      for (;;) {
        const t1 = mem.poll()
        const t2 = q2.poll()
        expect(t2 === undefined ? null : [t2.timestamp, t2.keyStr, t2.seq]).toEqual(t1 === undefined ? null : [t1.timestamp, t1.keyStr, t1.seq])
        if (t1 === undefined) break
      }
    } finally {
      await b.close()
    }
  })

  it('keeps timers when the state tables are restored', async () => {
    const b = await LevelDbStateBackend.open({ dir: tempDir() })
    try {
      const q = b.timerQueue('op/event')
      q.register(100, '"a"', 'a')
      b.valueTable({ operatorId: 'op', stateName: 'v', kind: 'value', ttl: false }).put('"a"', 1)
      await b.restore([])
      expect(q.dump()).toEqual([{ timestamp: 100, keyStr: '"a"', key: 'a', seq: 0 }])
      expect(b.valueTable({ operatorId: 'op', stateName: 'v', kind: 'value', ttl: false }).get('"a"')).toBeUndefined()
    } finally {
      await b.close()
    }
  })
})
