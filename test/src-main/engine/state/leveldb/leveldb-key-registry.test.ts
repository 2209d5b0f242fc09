// The LevelDB key registry must answer as the runtime's in-memory KeyRegistry (same infos, same
// first-seen order), survive a reopen, and be left alone by a restore of the state tables.
import { afterAll, describe, expect, it } from 'vitest'
import { KeyRegistry } from '../../../../../src-main/engine/runtime/key-registry'
import type { KeyInfo } from '../../../../../src-main/engine/runtime/key-registry'
import type { TimerDump } from '../../../../../src-main/engine/time/timer-queue'
import { LevelDbStateBackend } from '../../../../../src-main/engine/state/leveldb/leveldb-backend'
import { removeTempDirs, tempDir } from './tmp-dirs'

afterAll(removeTempDirs)

const strip = (e: Array<[string, unknown]>): unknown => JSON.parse(JSON.stringify(e))

describe('LevelDB key registry', () => {
  it('records the same keys, infos and order as KeyRegistry with a cache far smaller than the keys', async () => {
    const dir = tempDir()
    const b = await LevelDbStateBackend.open({ dir, cacheEntries: 64, batchSize: 16 })
    const mem = new KeyRegistry()
    const ldb = b.keyRegistry('3-process')
    let x = 11
    for (let step = 0; step < 5000; step++) {
      x = (x * 48271) % 2147483647
      const key = x % 3 === 0 ? { user: x % 700 } : `u${x % 900}`
      const keyStr = JSON.stringify(key)
      const isRecord = x % 5 !== 0
      const a = mem.touch(key, keyStr, step, isRecord)
      const c = ldb.touch(key, keyStr, step, isRecord)
      expect([c.keyGroup, c.firstStep, c.lastTouchedStep, c.records]).toEqual([a.keyGroup, a.firstStep, a.lastTouchedStep, a.records])
      if (ldb.size !== mem.size) throw new Error(`size ${ldb.size} != ${mem.size} at step ${step}`)
      if (step % 500 === 0) await b.flush()
    }
    expect(strip(ldb.dump())).toEqual(strip(mem.dump()))
    expect([...ldb.byKeyStr].map(([k]) => k)).toEqual([...mem.byKeyStr.keys()])
    expect(ldb.get('"nope"')).toBeUndefined()
    await b.close()
    const again = await LevelDbStateBackend.open({ dir })
    try {
      expect(strip(again.keyRegistry('3-process').dump())).toEqual(strip(mem.dump()))
      expect(again.keyRegistry('other').size).toBe(0)
    } finally {
      await again.close()
    }
  })

  it('restores from a dump, replacing what it held, and keeps its keys through a state restore', async () => {
    const b = await LevelDbStateBackend.open({ dir: tempDir(), cacheEntries: 32, batchSize: 8 })
    try {
      const r = b.keyRegistry('op')
      for (let i = 0; i < 100; i++) r.touch(i, String(i), i, true)
      const mem = new KeyRegistry()
      mem.touch('a', '"a"', 7, true)
      mem.touch('b', '"b"', 8, false)
      r.restore(mem.dump())
      expect(strip(r.dump())).toEqual(strip(mem.dump()))
      expect(r.size).toBe(2)
      expect(r.get('5')).toBeUndefined()
      await b.restore([])
      expect(r.size).toBe(2)
      expect(r.touch('a', '"a"', 9, true).records).toBe(2)
    } finally {
      await b.close()
    }
  })
  it('restores many keys and their timers in pieces, never holding more than about a batch unwritten', async () => {
    // A savepoint resume of millions of keys used to insert every key and timer as a dirty record
    // before the first write (2.4 GB at 0.4 M keys); with maybeFlush it writes a batch whenever one is due.
    const b = await LevelDbStateBackend.open({ dir: tempDir(), cacheEntries: 200, batchSize: 100 })
    try {
      const keys: Array<[string, KeyInfo]> = Array.from({ length: 5000 }, (_, i) => [`"u${i}"`, { key: `u${i}`, keyGroup: i % 128, firstStep: i, lastTouchedStep: i + 1, records: 2 }])
      const timers: TimerDump[] = keys.map(([k, v], i) => ({ timestamp: 1000 + (i * 7919) % 5000, keyStr: k, key: v.key, seq: i }))
      const maybeFlush = (): Promise<void> | null => (b.needsFlush() ? b.flush() : null)
      const registry = b.keyRegistry('op')
      const queue = b.timerQueue('op/event')
      await registry.restore(keys, maybeFlush)
      await queue.restore(timers, 5000, maybeFlush)
      expect(b.stats().maxDirty).toBeLessThanOrEqual(2 * 100)
      expect(strip(registry.dump())).toEqual(strip(keys))
      expect(queue.dump()).toEqual([...timers].sort((x, y) => x.timestamp - y.timestamp || x.seq - y.seq))
      expect(queue.nextSeq()).toBe(5000)
    } finally {
      await b.close()
    }
  })
})
