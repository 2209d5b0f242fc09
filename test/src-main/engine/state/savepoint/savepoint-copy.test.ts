// A session's own copy of a loaded savepoint (savepoint-copy.ts): the files the manifest lists, hard-linked where the
// disk allows, nothing else the folder holds; it reads back as the original did, and stays so when the original is
// saved over or deleted. A file that changed size under the copy is refused.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { TableMeta } from '../../../../../src-main/engine/state/backend'
import { readSavepoint, writeSavepoint } from '../../../../../src-main/engine/state/savepoint'
import type { SavepointData } from '../../../../../src-main/engine/state/savepoint'
import { copySavepoint } from '../../../../../src-main/engine/state/savepoint/savepoint-copy'
import { removeTempDirs, tempDir } from '../leveldb/tmp-dirs'

const V: TableMeta = { operatorId: 'sessions', stateName: 'count', kind: 'value', ttl: false }
const sample = (n: number): SavepointData => ({
  version: 1, createdBy: 'test', engine: { step: n },
  tables: [{ meta: V, entries: Array.from({ length: n }, (_, i) => [`"k${i}"`, i] as [string, unknown]) }],
  streams: [{ name: 'op/keys', items: [{ n }] }],
})

afterAll(removeTempDirs)

describe('copySavepoint', () => {
  it('copies what the manifest lists, linked, and the copy outlives the folder being saved over and deleted', async () => {
    const dir = join(tempDir('riffle-spc-'), 'sp')
    await writeSavepoint(dir, sample(3))
    writeFileSync(join(dir, 'notes.txt'), 'not part of the savepoint')
    const copy = tempDir('riffle-spc-copy-')
    await copySavepoint(dir, copy)
    expect(readdirSync(copy).sort()).toEqual(['engine.json', 'manifest.json', 'streams', 'tables'])
    expect(statSync(join(copy, 'manifest.json')).ino).toBe(statSync(join(dir, 'manifest.json')).ino) // a link, not a second copy
    expect(await readSavepoint(copy)).toEqual(await readSavepoint(dir))

    await writeSavepoint(dir, sample(5))
    expect(await readSavepoint(copy)).toEqual(sample(3))
    rmSync(dir, { recursive: true })
    expect(await readSavepoint(copy)).toEqual(sample(3))
  })

  it('refuses a listed file of another size than the manifest says, and a folder that is not a savepoint', async () => {
    const dir = join(tempDir('riffle-spc-'), 'sp')
    await writeSavepoint(dir, sample(3))
    writeFileSync(join(dir, 'tables/0000.jsonl'), 'changed\n')
    await expect(copySavepoint(dir, tempDir('riffle-spc-copy-'))).rejects.toMatchObject({
      code: 'SAVEPOINT_INVALID', message: expect.stringMatching(/tables\/0000\.jsonl: 8 bytes but the manifest says \d+ \(it changed while it was copied\)/),
    })
    const notes = join(tempDir('riffle-spc-'), 'notes')
    mkdirSync(notes)
    await expect(copySavepoint(notes, tempDir('riffle-spc-copy-'))).rejects.toThrow()
    expect(existsSync(join(notes, 'manifest.json'))).toBe(false)
  })
})
