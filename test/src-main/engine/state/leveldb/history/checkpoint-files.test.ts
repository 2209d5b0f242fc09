// LevelDB checkpoints (engine/state/leveldb/history/checkpoint-files.ts) on a real database: the log is
// linked with its length, so writes made after a checkpoint, to the same log, are not in it when installed.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { ClassicLevel } from 'classic-level'
import { afterAll, describe, expect, it } from 'vitest'
import { installCheckpoint, logBytes, takeCheckpoint } from '../../../../../../src-main/engine/state/leveldb/history/checkpoint-files'
import { removeTempDirs, tempDir } from '../tmp-dirs'

afterAll(removeTempDirs)

async function contents(dir: string): Promise<Array<[string, string]>> {
  const db = new ClassicLevel<string, string>(dir)
  await db.open()
  try {
    return await db.iterator().all()
  } finally {
    await db.close()
  }
}

describe('LevelDB checkpoint files', () => {
  it('a checkpoint holds the writes before it, not those appended to the same log after it', async () => {
    const live = tempDir()
    const db = new ClassicLevel<string, string>(live)
    await db.open()
    await db.batch([{ type: 'put', key: 'a', value: '1' }, { type: 'put', key: 'b', value: '2' }])
    const cp1 = join(tempDir(), 'cp')
    const files1 = takeCheckpoint(live, cp1)
    // The writes are in the log only (no table yet): the checkpoint links it and records its length.
    const log = files1.find((f) => f.name.endsWith('.log'))!
    expect(log.size).toBeGreaterThan(0)
    expect(logBytes(live)).toBe(log.size)
    await db.put('a', 'changed')
    await db.put('c', '3')
    const cp2 = join(tempDir(), 'cp')
    const files2 = takeCheckpoint(live, cp2)
    await db.put('d', '4')
    // The same log file (one inode), longer now, is shared by the live database and both checkpoints.
    expect(statSync(join(cp1, log.name)).size).toBeGreaterThan(log.size)
    await db.close()

    const target = tempDir()
    installCheckpoint(cp1, target, files1)
    expect(await contents(target)).toEqual([['a', '1'], ['b', '2']])
    installCheckpoint(cp2, target, files2)
    expect(await contents(target)).toEqual([['a', 'changed'], ['b', '2'], ['c', '3']])
    // Opening an installed checkpoint changed none of its files.
    expect(statSync(join(cp1, log.name)).size).toBe(statSync(join(live, log.name)).size)
    expect(await contents(live)).toEqual([['a', 'changed'], ['b', '2'], ['c', '3'], ['d', '4']])
  })

  it('a checkpoint after the log was written out to a table links the table and an empty log', async () => {
    const live = tempDir()
    const db = new ClassicLevel<string, string>(live)
    await db.open()
    for (let i = 0; i < 100; i++) await db.put(`k${i}`, 'x'.repeat(100))
    await db.compactRange('\uffff', '\uffff\uffff')
    const cp = join(tempDir(), 'cp')
    const files = takeCheckpoint(live, cp)
    await db.put('k0', 'after')
    await db.close()
    expect(files.some((f) => f.name.endsWith('.ldb'))).toBe(true)
    expect(files.filter((f) => f.name.endsWith('.log')).map((f) => f.size)).toEqual([0])
    const target = tempDir()
    installCheckpoint(cp, target, files)
    const got = await contents(target)
    expect(got).toHaveLength(100)
    expect(got.find(([k]) => k === 'k0')![1]).toBe('x'.repeat(100))
    expect(readdirSync(cp)).toEqual(expect.arrayContaining(files.map((f) => f.name)))
  })
})
