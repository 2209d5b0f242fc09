// The write-back store under the LevelDB backend: what is on disk after flushes must be exactly the
// last value stored for every record, through batch cuts in the middle of changes, saves skipped while a
// record is still dirty, evictions and the two cache parts.
import { ClassicLevel } from 'classic-level'
import { afterAll, describe, expect, it } from 'vitest'
import { KeyChain, type RegistryRow } from '../../../../../src-main/engine/state/leveldb/key-chain'
import { VALUE_RECORD_CODEC } from '../../../../../src-main/engine/state/leveldb/leveldb-tables'
import { JSON_CODEC, WriteBackStore, type SlotCodec } from '../../../../../src-main/engine/state/leveldb/write-back-store'
import { removeTempDirs, tempDir } from './tmp-dirs'

afterAll(removeTempDirs)

const RUNTIME_CODEC: SlotCodec = { ...JSON_CODEC, runtime: true }

async function openDb(): Promise<ClassicLevel<string, string>> {
  const db = new ClassicLevel<string, string>(tempDir(), { keyEncoding: 'utf8', valueEncoding: 'utf8' })
  await db.open()
  return db
}

function newRow(): RegistryRow {
  return { meta: { operatorId: 'op', stateName: 's', kind: 'value', ttl: false }, head: null, tail: null, next: 0, count: 0, ghosts: 0 }
}

describe('write-back store', () => {
  it('writes the latest value of a record changed in place after its batch was cut (a skipped save never loses a change)', async () => {
    const db = await openDb()
    try {
      const store = new WriteBackStore(db, 64, 4)
      const chain = new KeyChain<{ n: number }>(store, 0, newRow(), VALUE_RECORD_CODEC)
      const model = new Map<string, number>()
      let x = 7
      for (let i = 0; i < 2000; i++) {
        x = (x * 48271) % 2147483647
        const key = `"k${x % 40}"`
        const rec = chain.record(key)
        if (rec === undefined) chain.insert(key, { n: i })
        else {
          rec.v.n = i // in place, as a state does, then saved (often skipped: still dirty in this batch)
          chain.save(key, rec)
        }
        model.set(key, i)
        // Every 4 dirty records cut a batch in the middle of this loop; let some complete.
        if (i % 9 === 0) await store.flush()
      }
      await store.flush()
      for (const [key, n] of model) {
        const text = await db.get(`k0\x00${key}`)
        expect(JSON.parse(text!)[1]).toEqual({ n })
      }
      expect(store.getStats().dirty).toBe(0)
    } finally {
      await db.close()
    }
  })

  it('keeps each cache part within its own cacheEntries and never evicts a dirty record', async () => {
    const db = await openDb()
    try {
      const store = new WriteBackStore(db, 100, 1000)
      // 300 dirty state records (no batch yet: batchSize 1000) stay, though the part holds 100.
      for (let i = 0; i < 300; i++) store.store(`s${i}`, { i }, JSON_CODEC)
      expect(store.getStats().cached).toBe(300)
      await store.flush()
      // Now clean: reading more state records evicts old state records, not runtime ones.
      for (let i = 0; i < 50; i++) store.store(`r${i}`, { i }, RUNTIME_CODEC)
      await store.flush()
      for (let i = 300; i < 420; i++) store.load(`s${i}`, JSON_CODEC)
      const cached = store.getStats().cached
      expect(cached).toBeLessThanOrEqual(100 + 50)
      for (let i = 0; i < 50; i++) expect(store.isCached(`r${i}`)).toBe(true)
      // Evicted records read back from disk with their last value.
      expect(store.load('s0', JSON_CODEC)).toEqual({ i: 0 })
      expect(store.load('s299', JSON_CODEC)).toEqual({ i: 299 })
    } finally {
      await db.close()
    }
  })

  it('stores a record again through a slot that was evicted in the meantime', async () => {
    const db = await openDb()
    try {
      const store = new WriteBackStore(db, 16, 4)
      const slot = store.store('a', { v: 1 }, JSON_CODEC)
      await store.flush()
      for (let i = 0; i < 40; i++) store.load(`x${i}`, JSON_CODEC) // evicts 'a'
      expect(slot.live).toBe(false)
      expect(store.isCached('a')).toBe(false)
      const again = store.storeIn(slot, { v: 2 })
      expect(again.live).toBe(true)
      await store.flush()
      expect(JSON.parse((await db.get('a'))!)).toEqual({ v: 2 })
    } finally {
      await db.close()
    }
  })
})
