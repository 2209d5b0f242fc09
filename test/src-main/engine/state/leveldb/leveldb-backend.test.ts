// The LevelDB backend's own guarantees: read-your-writes over an asynchronous disk, durability
// across reopen, one run per directory, and correctness with a cache far smaller than the state.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { TableMeta } from '../../../../../src-main/engine/state/backend'
import { LevelDbStateBackend } from '../../../../../src-main/engine/state/leveldb/leveldb-backend'
import type { LevelDbValueTable } from '../../../../../src-main/engine/state/leveldb/leveldb-tables'
import { removeTempDirs, tempDir } from './tmp-dirs'
import type { ClassicLevel } from 'classic-level'
import { keyRecordPrefix, prefixRange, registryKey } from '../../../../../src-main/engine/state/leveldb/key-layout'

const V: TableMeta = { operatorId: 'op1', stateName: 'count', kind: 'value', ttl: false }
const M: TableMeta = { operatorId: 'op1', stateName: 'seen', kind: 'map', ttl: false }
const open: LevelDbStateBackend[] = []

async function openAt(dir: string, cacheEntries?: number, batchSize?: number, clear?: boolean): Promise<LevelDbStateBackend> {
  const b = await LevelDbStateBackend.open({ dir, cacheEntries, batchSize, clear })
  open.push(b)
  return b
}

afterEach(async () => { for (const b of open.splice(0)) await b.close() })
afterAll(removeTempDirs)

describe('LevelDB backend', () => {
  it('serves read-your-writes before, during and after a flush, deletes included', async () => {
    const b = await openAt(tempDir())
    const t = b.valueTable(V)
    t.put('"a"', 1)
    t.put('"b"', { n: 2 })
    expect(t.get('"a"')).toBe(1)
    const flushing = b.flush()
    t.put('"a"', 10) // written while the batch carrying a=1 is in flight
    t.delete('"b"')
    expect(t.get('"a"')).toBe(10)
    expect(t.get('"b"')).toBeUndefined()
    await flushing
    expect(t.get('"a"')).toBe(10)
    expect(t.get('"b"')).toBeUndefined()
    await b.flush()
    expect(t.size()).toBe(1)
    expect([...t.keys()]).toEqual(['"a"'])
  })

  it('returns the same tables, values, map entries and counts after close and reopen', async () => {
    const dir = tempDir()
    const a = await LevelDbStateBackend.open({ dir })
    a.valueTable(V).put('1', [1, 2, 3])
    const m = a.mapTable(M)
    m.put('"u"', '"x"', { v: 1, t: 5 })
    m.put('"u"', '"y"', null)
    m.put('"w"', '"x"', 3)
    await a.close()
    const b = await openAt(dir)
    expect(b.tables().map((t) => t.meta)).toEqual([V, M])
    expect(b.valueTable(V).get('1')).toEqual([1, 2, 3])
    const m2 = b.mapTable(M)
    expect(new Map(m2.entries('"u"'))).toEqual(new Map([['"x"', { v: 1, t: 5 }], ['"y"', null]]))
    expect(m2.has('"u"', '"y"')).toBe(true)
    expect(m2.size()).toBe(2)
    expect(m2.entryCount('"u"')).toBe(2)
    expect(new Set(m2.keys())).toEqual(new Set(['"u"', '"w"']))
  })

  it('starts empty on a reused directory when asked to clear it', async () => {
    const dir = tempDir()
    const a = await LevelDbStateBackend.open({ dir })
    a.valueTable(V).put('1', 1)
    await a.close()
    const b = await openAt(dir, undefined, undefined, true)
    expect(b.tables()).toEqual([])
    expect(b.valueTable(V).get('1')).toBeUndefined()
  })

  it('refuses a second open of a state directory in use with STATE_LOCKED naming the directory', async () => {
    const dir = tempDir()
    await openAt(dir)
    const second = LevelDbStateBackend.open({ dir })
    await expect(second).rejects.toMatchObject({ code: 'STATE_LOCKED', message: expect.stringContaining(`state directory ${dir} is in use by another run`) })
  })

  it('gives correct values with a cache 50 times smaller than the state', async () => {
    const b = await openAt(tempDir(), 1000, 500)
    const t = b.valueTable(V)
    const m = b.mapTable(M)
    const N = 50_000
    for (let i = 0; i < N; i++) {
      t.put(String(i), { i })
      if (i % 10 === 0) m.put(String(i % 997), String(i), i)
      if (b.needsFlush()) await b.flush()
    }
    for (let i = 0; i < N; i += 3) {
      const v = t.get(String(i)) as { i: number }
      t.put(String(i), { i: v.i * 2 })
      if (i % 2 === 0) t.delete(String(i))
      if (b.needsFlush()) await b.flush()
    }
    let deleted = 0
    for (let i = 0; i < N; i++) {
      const v = t.get(String(i))
      if (i % 3 === 0 && i % 2 === 0) { expect(v).toBeUndefined(); deleted++ } else expect(v).toEqual({ i: i % 3 === 0 ? i * 2 : i })
    }
    expect(t.size()).toBe(N - deleted)
    expect([...t.keys()].length).toBe(N - deleted)
    expect(m.size()).toBe(997)
    let entries = 0
    for (const k of m.keys()) entries += m.entryCount(k)
    expect(entries).toBe(N / 10)
    expect(b.stats().cached).toBeLessThanOrEqual(2000)
  })

  it('keeps iterating keys() when visited and unvisited keys are deleted', async () => {
    const b = await openAt(tempDir(), 64, 8)
    const t = b.valueTable(V)
    for (let i = 0; i < 200; i++) t.put(String(i), i)
    const seen: string[] = []
    for (const k of t.keys()) {
      seen.push(k)
      t.delete(k)
      const other = String(199 - Number(k))
      t.delete(other) // an unvisited key: it must not be yielded afterwards
    }
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.length).toBe(100)
    expect(t.size()).toBe(0)
    expect([...t.keys()]).toEqual([])
  })

  it('removes a map key with its last entry (M3) and clears all entries of a key', async () => {
    const b = await openAt(tempDir())
    const m = b.mapTable(M)
    m.put('1', '"a"', 1)
    m.delete('1', '"a"')
    expect(m.isEmpty('1')).toBe(true)
    expect(m.size()).toBe(0)
    m.put('2', '"a"', 1)
    m.put('2', '"b"', 2)
    m.clear('2')
    await b.flush()
    expect(m.get('2', '"a"')).toBeUndefined()
    expect([...m.entries('2')]).toEqual([])
    expect(await b.dump()).toEqual([{ meta: M, entries: [] }])
  })

  it('dumps every table and restores a dump into another directory', async () => {
    const a = await openAt(tempDir())
    a.valueTable(V).put('"k"', 7)
    a.mapTable(M).put('"k"', '1', 'one')
    a.mapTable(M).put('"k"', '2', 'two')
    const dump = await a.dump()
    expect(dump).toEqual([
      { meta: V, entries: [['"k"', 7]] },
      { meta: M, entries: [['"k"', [['1', 'one'], ['2', 'two']]]] },
    ])
    const b = await openAt(tempDir())
    b.valueTable(V).put('"old"', 1)
    await b.restore(dump)
    expect(b.valueTable(V).get('"old"')).toBeUndefined()
    expect(await b.dump()).toEqual(dump)
  })

  it('unlinks the chain nodes of removed keys at flushes, and keeps order and data across reopen', async () => {
    const dir = tempDir()
    const a = await LevelDbStateBackend.open({ dir, cacheEntries: 2000, batchSize: 500 })
    const t = a.valueTable(V) as LevelDbValueTable
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 3000; i++) t.put(String(i), round)
      for (let i = 0; i < 3000; i++) if (i % 10 !== round) t.delete(String(i))
      await a.flush()
    }
    // 5 x 2700 removals happened; compaction keeps ghosts from piling up beyond the live keys.
    expect(t.size()).toBe(3000 - 2700)
    for (let i = 0; i < 5; i++) await a.flush()
    expect(t.chain.row.ghosts).toBeLessThanOrEqual(Math.max(1000, t.size()))
    const keys = [...t.keys()]
    await a.close()
    const b = await openAt(dir)
    const t2 = b.valueTable(V)
    expect([...t2.keys()]).toEqual(keys)
    expect(t2.get(keys[0])).toBe(4)
  })

  it('compacts a long run of removed keys at the head of the chain visiting each ghost about once', async () => {
    // Sessions that end in the order they began remove keys from the head of the chain: one run of
    // ghosts. Compaction must stop when a batch is due and pick up there, not walk the rest of the run
    // without unlinking and start again from the head (quadratic: ~700 000 reads here instead of ~25 000).
    const a = await openAt(tempDir(), 400, 100)
    const t = a.valueTable(V) as LevelDbValueTable
    for (let i = 0; i < 20_000; i++) t.put(String(i), i)
    await a.flush()
    for (let i = 0; i < 12_000; i++) t.delete(String(i))
    await a.flush()
    const before = a.stats().misses
    for (let i = 0; i < 40 && t.chain.row.ghosts > t.size(); i++) await a.flush()
    expect(t.chain.row.ghosts).toBeLessThanOrEqual(t.size())
    expect(a.stats().misses - before).toBeLessThan(5 * 12_000)
    expect([...t.keys()]).toEqual(Array.from({ length: 8000 }, (_, i) => String(12_000 + i)))
  })

  it('writes whole operations only: a batch that falls due in the middle of adding a key waits for its end', async () => {
    // Adding a key stores its record, then its chain node, then counts it; a batch cut between those
    // (it used to be cut the moment the batch size was reached) put a record on disk without its count,
    // and a crash before the next batch left a directory with one key more than it said. (SIGKILL test:
    // leveldb-crash.test.ts, which failed about one run in five with that cut.)
    const b = await openAt(tempDir(), 64, 3)
    const t = b.valueTable(V) as LevelDbValueTable
    for (let i = 0; i < 7; i++) t.put(String(i), i)
    // Between operations the owner cuts the due batch (needsFlush, between steps); wait for it and only
    // for it (no flush: that would write the rest too).
    expect(b.needsFlush()).toBe(false)
    const inFlight = (b as unknown as { store: { inFlight: Promise<void> | null } }).store.inFlight
    expect(inFlight).not.toBeNull()
    await inFlight
    const db = (b as unknown as { db: ClassicLevel<string, string> }).db
    const onDisk = async (): Promise<{ count: number; records: number }> => {
      const row = JSON.parse(await db.get(registryKey(t.chain.index)) ?? 'null') as { count: number }
      const records = (await db.keys(prefixRange(keyRecordPrefix(t.chain.index))).all()).length
      return { count: row.count, records }
    }
    const first = await onDisk()
    expect(first.records).toBe(first.count)
    expect(first.count).toBe(7)
    await b.flush()
    expect(await onDisk()).toEqual({ count: 7, records: 7 })
  })

  it('refuses a kind change of a registered table', async () => {
    const b = await openAt(tempDir())
    b.valueTable(V)
    expect(() => b.mapTable({ ...V, kind: 'map' })).toThrow(/registered as value/)
  })
})
