// Byte-identical output across backends needs identical iteration order: the LevelDB tables must list
// keys and map entries in the heap's (JS Map insertion) order, through flushes and a small cache.
import { afterAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { StateBackend, TableMeta } from '../../../../../src-main/engine/state/backend'
import { HeapStateBackend } from '../../../../../src-main/engine/state/heap/heap-backend'
import { LevelDbStateBackend } from '../../../../../src-main/engine/state/leveldb/leveldb-backend'
import { removeTempDirs, tempDir } from './tmp-dirs'

const V: TableMeta = { operatorId: 'op', stateName: 'v', kind: 'list', ttl: false }
const M: TableMeta = { operatorId: 'op', stateName: 'm', kind: 'map', ttl: true }

type Op = { t: 'put' | 'del' | 'mput' | 'mdel' | 'clear'; k: number; u: number; v: number }
const op = fc.record({ t: fc.constantFrom('put', 'del', 'mput', 'mdel', 'clear'), k: fc.nat(30), u: fc.nat(6), v: fc.integer() }) as fc.Arbitrary<Op>

function apply(b: StateBackend, ops: Op[], seen: string[][]): void {
  const v = b.valueTable(V)
  const m = b.mapTable(M)
  for (const o of ops) {
    const k = String(o.k)
    if (o.t === 'put') v.put(k, [o.v])
    else if (o.t === 'del') v.delete(k)
    else if (o.t === 'mput') m.put(k, String(o.u), { v: o.v, t: 1 })
    else if (o.t === 'mdel') m.delete(k, String(o.u))
    else m.clear(k)
    // Iterate while deleting, as CL3's cursor and TM2's iterator do.
    if (o.v % 7 === 0) for (const key of v.keys()) { if (Number(key) % 5 === o.k % 5) v.delete(key) }
    seen.push([...v.keys()], [...m.keys()], [...m.entries(k)].map(([u]) => u))
  }
}

afterAll(removeTempDirs)

describe('LevelDB backend iteration order', () => {
  it('lists keys, map entries and dumps in the same order as the heap backend', async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 100, maxLength: 300, size: 'max' }), async (ops) => {
      const heap = new HeapStateBackend()
      const ldb = await LevelDbStateBackend.open({ dir: tempDir(), cacheEntries: 16, batchSize: 4 })
      try {
        const a: string[][] = []
        const b: string[][] = []
        apply(heap, ops.slice(0, 150), a)
        apply(ldb, ops.slice(0, 150), b)
        await ldb.flush()
        apply(heap, ops.slice(150), a)
        apply(ldb, ops.slice(150), b)
        expect(b).toEqual(a)
        expect(await ldb.dump()).toEqual(await heap.dump())
      } finally {
        await ldb.close()
      }
    }), { numRuns: 25 })
  })
})
