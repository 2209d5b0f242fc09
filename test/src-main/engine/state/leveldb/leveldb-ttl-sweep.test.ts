// CL4 for LevelDB: a background sweep removes expired entries nobody reads, and the count of expired
// entries not yet removed is available for the inspector.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { tableId, type TableMeta } from '../../../../../src-main/engine/state/backend'
import { ttlPredicate } from '../../../../../src-main/engine/state/leveldb/ttl-predicate'
import { LevelDbStateBackend } from '../../../../../src-main/engine/state/leveldb/leveldb-backend'
import type { TtlPredicate } from '../../../../../src-main/engine/state/leveldb/ttl-sweep'
import { isExpired, type TtlValue } from '../../../../../src-main/engine/state/ttl/ttl-value'
import { removeTempDirs, tempDir } from './tmp-dirs'

const V: TableMeta = { operatorId: 'op', stateName: 'last', kind: 'value', ttl: true }
const M: TableMeta = { operatorId: 'op', stateName: 'seen', kind: 'map', ttl: true }
const PLAIN: TableMeta = { operatorId: 'op', stateName: 'plain', kind: 'value', ttl: false }
const TTL = 100
let now = 0
const expired: TtlPredicate = (_meta, stored) => isExpired((stored as TtlValue).t, TTL, now)
const open: LevelDbStateBackend[] = []

afterEach(async () => { for (const b of open.splice(0)) await b.close() })
afterAll(removeTempDirs)

async function filled(): Promise<LevelDbStateBackend> {
  const b = await LevelDbStateBackend.open({ dir: tempDir(), cacheEntries: 200, batchSize: 50 })
  open.push(b)
  const v = b.valueTable(V)
  const m = b.mapTable(M)
  const p = b.valueTable(PLAIN)
  // Even keys stamped at 0 (expired once now >= 100), odd keys at 500.
  for (let i = 0; i < 1000; i++) {
    const t = i % 2 === 0 ? 0 : 500
    v.put(String(i), { v: i, t })
    m.put(String(i % 10), String(i), { v: i, t })
    p.put(String(i), { v: i, t: 0 })
    if (b.needsFlush()) await b.flush()
  }
  await b.flush()
  return b
}

describe('LevelDB TTL sweep', () => {
  it('removes exactly the expired value and map entries, in chunks, and leaves non-TTL tables alone', async () => {
    const b = await filled()
    now = 150
    expect(await b.countExpired(expired)).toBe(1000)
    expect(b.expiredNotRemoved()).toBe(1000)
    let removed = 0
    let calls = 0
    for (;;) {
      const r = await b.sweepOnce(expired, { maxEntries: 300 })
      removed += r.removed
      calls++
      expect(r.scanned).toBeLessThanOrEqual(300)
      if (r.passCompleted) break
    }
    expect(calls).toBeGreaterThan(1)
    expect(removed).toBe(1000)
    expect(b.expiredNotRemoved()).toBe(0)
    const v = b.valueTable(V)
    expect(v.size()).toBe(500)
    expect(v.get('2')).toBeUndefined()
    expect(v.get('3')).toEqual({ v: 3, t: 500 })
    const m = b.mapTable(M)
    // Keys 0,2,4,6,8 held only even (expired) entries: M3 removes them entirely.
    expect([...m.keys()].sort()).toEqual(['1', '3', '5', '7', '9'])
    expect(m.entryCount('1')).toBe(100)
    expect(b.valueTable(PLAIN).size()).toBe(1000)
    expect(await b.countExpired(expired)).toBe(0)
  })

  it('does not remove an entry rewritten in the cache after it was read from disk as expired', async () => {
    const b = await filled()
    now = 150
    const v = b.valueTable(V)
    v.put('0', { v: 'fresh', t: 140 }) // dirty in the cache; the disk still says t = 0
    await b.sweepOnce(expired, { maxEntries: 10_000 })
    expect(v.get('0')).toEqual({ v: 'fresh', t: 140 })
  })

  it('judges lists by their elements through ttlPredicate: a list goes only when all elements expired', async () => {
    const b = await LevelDbStateBackend.open({ dir: tempDir() })
    open.push(b)
    const L: TableMeta = { operatorId: 'op', stateName: 'events', kind: 'list', ttl: true }
    const l = b.valueTable(L)
    l.put('"all-old"', [{ v: 1, t: 0 }, { v: 2, t: 10 }])
    l.put('"mixed"', [{ v: 1, t: 0 }, { v: 2, t: 500 }])
    await b.flush()
    let clock = 150
    const pred = ttlPredicate(new Map([[tableId(L), TTL]]), () => clock)
    expect(await b.countExpired(pred)).toBe(1)
    await b.sweepOnce(pred)
    expect(l.get('"all-old"')).toBeUndefined()
    expect(l.get('"mixed"')).toEqual([{ v: 1, t: 0 }, { v: 2, t: 500 }])
    clock = 600
    await b.sweepOnce(pred)
    expect(l.size()).toBe(0)
  })
})
