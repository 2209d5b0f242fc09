// Savepoints: a faithful round trip, atomic replacement, and refusal of anything damaged or partial.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, truncateSync, writeFileSync, unlinkSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { TableDump, TableMeta } from '../../../../../src-main/engine/state/backend'
import { HeapStateBackend } from '../../../../../src-main/engine/state/heap/heap-backend'
import { LevelDbStateBackend } from '../../../../../src-main/engine/state/leveldb/leveldb-backend'
import { openSavepoint, readSavepoint, writeSavepoint } from '../../../../../src-main/engine/state/savepoint'
import type { SavepointData } from '../../../../../src-main/engine/state/savepoint'
import { removeTempDirs, tempDir } from '../leveldb/tmp-dirs'

const V: TableMeta = { operatorId: 'sessions', stateName: 'count', kind: 'value', ttl: false }
const L: TableMeta = { operatorId: 'sessions', stateName: 'events', kind: 'list', ttl: true }
const M: TableMeta = { operatorId: 'sessions', stateName: 'pages', kind: 'map', ttl: false }

function sample(tag: string): SavepointData {
  const tables: TableDump[] = [
    { meta: V, entries: [['"alice"', 3], ['"bob"', { nested: [1, null, 'x'] }], ['"ünï\\u0000code"', tag]] },
    { meta: L, entries: [['1', [{ v: 'a', t: 10 }, { v: 'b', t: 12 }]]] },
    { meta: M, entries: [['"alice"', [['"/home"', 2], ['"/cart"', null]]]] },
  ]
  return { version: 1, createdBy: `test ${tag}`, tables, engine: { watermark: 42, timers: [[1, '"alice"', 100]], position: { line: 17 } } }
}

function spDir(): string {
  return join(tempDir('riffle-sp-'), 'sp')
}

async function invalid(dir: string): Promise<{ code?: string; message: string }> {
  return readSavepoint(dir).then(() => ({ message: 'read succeeded' }), (e: { code?: string; message: string }) => e)
}

afterAll(removeTempDirs)

describe('savepoint format', () => {
  it('reads back exactly what was written: tables, metas, engine data', async () => {
    const dir = spDir()
    await writeSavepoint(dir, sample('one'))
    expect(await readSavepoint(dir)).toEqual(sample('one'))
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { totalRecords: number; tables: unknown[] }
    expect(manifest.totalRecords).toBe(5)
    expect(manifest.tables).toHaveLength(3)
  })

  it('reads back lines far longer than a read chunk, with multi-byte characters across chunk ends', async () => {
    // engine.json is one line that can be tens of MB (timers and keys of a big run): it must be read in
    // linear time, and characters split between 64 KB chunks must come back whole.
    const big = Array.from({ length: 60_000 }, (_, i) => `k€y-${i}-ü`)
    const dir = spDir()
    const data: SavepointData = { version: 1, createdBy: 'long lines', tables: [{ meta: V, entries: big.slice(0, 20_000).map((k, i) => [k, 'é'.repeat(i % 50)]) }], engine: { keys: big } }
    await writeSavepoint(dir, data)
    expect(readFileSync(join(dir, 'engine.json')).length).toBeGreaterThan(5 * 65_536)
    expect(await readSavepoint(dir)).toEqual(data)
  })

  it('moves state from LevelDB to the heap through a streamed savepoint', async () => {
    const ldb = await LevelDbStateBackend.open({ dir: tempDir(), cacheEntries: 100, batchSize: 20 })
    try {
      for (let i = 0; i < 500; i++) {
        ldb.valueTable(V).put(String(i), i * 2)
        ldb.mapTable(M).put(String(i % 7), String(i), { i })
        if (ldb.needsFlush()) await ldb.flush()
      }
      const dir = spDir()
      await writeSavepoint(dir, { createdBy: 'leveldb', tables: ldb.streamTables(), engine: null })
      const heap = new HeapStateBackend()
      const sp = await readSavepoint(dir)
      await heap.restore(sp.tables)
      expect(await heap.dump()).toEqual(await ldb.dump())
      expect(sp.engine).toBeNull()
    } finally {
      await ldb.close()
    }
  })

  it('streams a verified savepoint from the heap into LevelDB in insertion order', async () => {
    const heap = new HeapStateBackend()
    const v = heap.valueTable(V)
    for (let i = 0; i < 300; i++) v.put(String((i * 37) % 300), i)
    const dir = spDir()
    await writeSavepoint(dir, { createdBy: 'heap', tables: await heap.dump(), engine: { step: 300 } })
    const sp = await openSavepoint(dir)
    expect(sp.engine).toEqual({ step: 300 })
    const ldb = await LevelDbStateBackend.open({ dir: tempDir(), cacheEntries: 64, batchSize: 16 })
    try {
      await ldb.restoreStream(sp.tables())
      expect(await ldb.dump()).toEqual(await heap.dump())
      expect([...ldb.valueTable(V).keys()]).toEqual([...v.keys()])
    } finally {
      await ldb.close()
    }
  })

  it('verifies every file before opening a savepoint for streaming', async () => {
    const dir = spDir()
    await writeSavepoint(dir, sample('one'))
    const f = join(dir, 'tables/0001.jsonl')
    truncateSync(f, readFileSync(f).length - 1)
    await expect(openSavepoint(dir)).rejects.toMatchObject({ code: 'SAVEPOINT_INVALID', message: expect.stringContaining('tables/0001.jsonl') })
  })

  it('writes runtime streams one value per line, lists them in the manifest, and reads them back', async () => {
    const dir = spDir()
    const timers = Array.from({ length: 3000 }, (_, i) => ({ timestamp: 1000 + i, keyStr: `"u${i}"`, key: `u${i}`, seq: i }))
    async function* keys(): AsyncGenerator<unknown> { for (let i = 0; i < 2000; i++) yield [`"u${i}"`, { firstStep: i, records: 1 }] }
    await writeSavepoint(dir, { ...sample('s'), streams: [{ name: 'op/eventTimers', items: timers }, { name: 'op/keys', items: keys() }, { name: 'op/none', items: [] }] })
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { streams: Array<{ name: string; file: string; records: number }> }
    expect(manifest.streams.map((x) => [x.name, x.file, x.records])).toEqual([
      ['op/eventTimers', 'streams/0000.jsonl', 3000], ['op/keys', 'streams/0001.jsonl', 2000], ['op/none', 'streams/0002.jsonl', 0],
    ])
    expect(readFileSync(join(dir, 'streams/0000.jsonl'), 'utf8').split('\n')[1]).toBe(JSON.stringify(timers[1]))
    const whole = await readSavepoint(dir)
    expect(whole.streams?.[0]).toEqual({ name: 'op/eventTimers', items: timers })
    const opened = await openSavepoint(dir)
    expect(opened.streamNames()).toEqual(['op/eventTimers', 'op/keys', 'op/none'])
    const got: unknown[] = []
    for await (const v of opened.stream('op/keys')) got.push(v)
    expect(got).toHaveLength(2000)
    expect(got[1999]).toEqual(['"u1999"', { firstStep: 1999, records: 1 }])
    expect(() => opened.stream('op/other')).toThrow(/no stream named "op\/other"/)
    // A savepoint without streams has no streams entry at all (as savepoints written before them).
    const plain = spDir()
    await writeSavepoint(plain, sample('p'))
    expect('streams' in JSON.parse(readFileSync(join(plain, 'manifest.json'), 'utf8'))).toBe(false)
  })

  it('refuses a damaged or shortened stream file, naming it, before anything is restored', async () => {
    const dir = spDir()
    await writeSavepoint(dir, { ...sample('s'), streams: [{ name: 'op/keys', items: [['"a"', 1], ['"b"', 2]] }] })
    const f = join(dir, 'streams/0000.jsonl')
    const good = readFileSync(f)
    const flipped = Buffer.from(good)
    flipped[flipped.indexOf('2')] = '3'.charCodeAt(0)
    writeFileSync(f, flipped)
    await expect(openSavepoint(dir)).rejects.toMatchObject({ code: 'SAVEPOINT_INVALID', message: expect.stringMatching(/streams\/0000\.jsonl: sha256 mismatch/) })
    expect(await invalid(dir)).toMatchObject({ code: 'SAVEPOINT_INVALID', message: expect.stringContaining('streams/0000.jsonl') })
    writeFileSync(f, good.subarray(0, good.indexOf('\n') + 1))
    await expect(openSavepoint(dir)).rejects.toMatchObject({ code: 'SAVEPOINT_INVALID', message: expect.stringContaining('streams/0000.jsonl') })
  })

  it('replaces an existing savepoint whole and leaves no temporary folders behind', async () => {
    const dir = spDir()
    await writeSavepoint(dir, sample('one'))
    await writeSavepoint(dir, sample('two'))
    expect((await readSavepoint(dir)).createdBy).toBe('test two')
    expect(readdirSync(dirname(dir))).toEqual(['sp'])
  })

  it('leaves the previous savepoint intact when writing the new one fails part-way', async () => {
    const dir = spDir()
    await writeSavepoint(dir, sample('one'))
    async function* failing(): AsyncGenerator<[string, unknown]> {
      yield ['1', 1]
      throw new Error('disk on fire')
    }
    await expect(writeSavepoint(dir, { createdBy: 'x', engine: null, tables: [{ meta: V, entries: failing() }] }))
      .rejects.toMatchObject({ code: 'SAVEPOINT_WRITE_FAILED', message: expect.stringContaining('disk on fire') })
    expect(await readSavepoint(dir)).toEqual(sample('one'))
    expect(readdirSync(dirname(dir))).toEqual(['sp'])
  })

  it('recovers the previous savepoint when a crash struck between the two renames', async () => {
    const dir = spDir()
    await writeSavepoint(dir, sample('one'))
    // A dead writer (pid 2^22+1 is above Linux's default pid_max) had moved it aside, then died.
    renameSync(dir, join(dirname(dir), `.${basename(dir)}.old-4194305-abcd`))
    mkdirSync(join(dirname(dir), `.${basename(dir)}.tmp-4194305-abcd`))
    expect(await readSavepoint(dir)).toEqual(sample('one'))
    expect(readdirSync(dirname(dir))).toEqual(['sp'])
  })

  it('refuses a table file with a flipped byte, naming the file', async () => {
    const dir = spDir()
    await writeSavepoint(dir, sample('one'))
    const f = join(dir, 'tables/0000.jsonl')
    const buf = readFileSync(f)
    buf[buf.indexOf('3')] = '4'.charCodeAt(0)
    writeFileSync(f, buf)
    expect(await invalid(dir)).toMatchObject({ code: 'SAVEPOINT_INVALID', message: expect.stringMatching(/tables\/0000\.jsonl: sha256 mismatch/) })
  })

  it('refuses a truncated table file', async () => {
    const dir = spDir()
    await writeSavepoint(dir, sample('one'))
    const f = join(dir, 'tables/0002.jsonl')
    truncateSync(f, readFileSync(f).length - 5)
    expect(await invalid(dir)).toMatchObject({ code: 'SAVEPOINT_INVALID', message: expect.stringMatching(/tables\/0002\.jsonl: .*truncated/) })
  })

  it('refuses a savepoint without its manifest (a half-written one)', async () => {
    const dir = spDir()
    await writeSavepoint(dir, sample('one'))
    unlinkSync(join(dir, 'manifest.json'))
    expect(await invalid(dir)).toMatchObject({ code: 'SAVEPOINT_INVALID', message: expect.stringMatching(/manifest\.json: missing/) })
  })

  it('refuses a manifest whose record counts were edited', async () => {
    const dir = spDir()
    await writeSavepoint(dir, sample('one'))
    const p = join(dir, 'manifest.json')
    writeFileSync(p, readFileSync(p, 'utf8').replace('"totalRecords": 5', '"totalRecords": 6'))
    expect(await invalid(dir)).toMatchObject({ code: 'SAVEPOINT_INVALID', message: expect.stringMatching(/manifest\.json: checksum mismatch/) })
  })

  it('refuses a missing table file and a missing directory', async () => {
    const dir = spDir()
    await writeSavepoint(dir, sample('one'))
    unlinkSync(join(dir, 'tables/0001.jsonl'))
    expect(await invalid(dir)).toMatchObject({ code: 'SAVEPOINT_INVALID', message: expect.stringMatching(/tables\/0001\.jsonl: missing \(the manifest lists it\)/) })
    expect(await invalid(join(dir, 'nope'))).toMatchObject({ code: 'SAVEPOINT_INVALID' })
  })

  it('will not replace a non-empty folder that is not a savepoint', async () => {
    const dir = spDir()
    mkdirSync(dir)
    writeFileSync(join(dir, 'notes.txt'), 'mine')
    await expect(writeSavepoint(dir, sample('one'))).rejects.toMatchObject({ code: 'SAVEPOINT_WRITE_FAILED' })
    expect(existsSync(join(dir, 'notes.txt'))).toBe(true)
  })
})
