// The history database of a LevelDB session's time travel: parts written in packed chunks read back
// exactly (keys with the layout's \x00 separators, more records than one chunk), one session at a time
// per folder (a second open is a clear STATE_LOCKED error naming the folder), and its folder removed on
// close or, after a crash, by the next process's sweep of folders whose owner is gone.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { HistoryDb } from '../../../../../../src-main/engine/state/leveldb/history/history-db'
import { OWNER_FILE, removeOrphanedTempDirs } from '../../../../../../src-main/engine/state/temp-state-dirs'
import { removeTempDirs, tempDir } from '../tmp-dirs'

afterAll(removeTempDirs)

async function all(db: HistoryDb, kind: 'd' | 'f', id: number): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = []
  for await (const flat of db.scan(kind, id)) for (let i = 0; i < flat.length; i += 2) out.push([flat[i], flat[i + 1]])
  return out
}

describe('history database', () => {
  it('reads back each part exactly, in order, across chunks, and apart from the other parts', async () => {
    const db = await HistoryDb.open(join(tempDir('riffle-hist-'), 'h'), null)
    try {
      const big: Array<[string, string]> = Array.from({ length: 10_000 }, (_, i) => [`k3\x00"u${i}"`, `+[${i},{"n":${i},"s":"a\\u0002b"}]`])
      const frame: Array<[string, string]> = [['!riffle', '{"format":"riffle-state","version":1}'], ['e1\x00"k"\x00"uk"', '"v"'], ['', '']]
      expect(await db.write('d', 1, [big.slice(0, 3000), big.slice(3000)])).toBe(10_000)
      expect(await db.write('f', 1, [frame])).toBe(3)
      expect(await db.write('d', 2, [[['x', '-']]])).toBe(1)
      expect(await all(db, 'd', 1)).toEqual(big)
      expect(await all(db, 'f', 1)).toEqual(frame)
      expect(await all(db, 'd', 2)).toEqual([['x', '-']])
      expect(await all(db, 'f', 2)).toEqual([])
      await db.clear()
      expect(await all(db, 'd', 1)).toEqual([])
    } finally {
      await db.close()
    }
  })

  it('a folder held by another session is refused with STATE_LOCKED, naming the folder', async () => {
    const dir = join(tempDir('riffle-hist-'), 'h')
    const first = await HistoryDb.open(dir, null)
    try {
      const err = await HistoryDb.open(dir, null).then(() => null, (e: unknown) => e)
      expect(err).toMatchObject({ code: 'STATE_LOCKED' })
      expect((err as Error).message).toContain(dir)
    } finally {
      await first.close()
    }
    // Free again once the first one closed.
    await (await HistoryDb.open(dir, null)).close()
  })

  it('close removes the folder the history owns, and leaves a folder it was only given', async () => {
    const owned = tempDir('riffle-hist-')
    const a = await HistoryDb.open(join(owned, 'h'), owned)
    await a.write('d', 0, [[['k', '+1']]])
    await a.close()
    expect(existsSync(owned)).toBe(false)
    const given = join(tempDir('riffle-hist-'), 'h')
    await (await HistoryDb.open(given, null)).close()
    expect(existsSync(given)).toBe(true)
  })

  it('a history folder whose owner process is gone (a crashed session) is removed by the next sweep; a live owner\'s stays', async () => {
    const parent = tempDir('riffle-hist-parent-')
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
    const orphan = join(parent, 'riffle-history-crashed')
    const live = join(parent, 'riffle-history-live')
    for (const [dir, pid] of [[orphan, dead.stdout], [live, String(process.pid)]]) {
      mkdirSync(join(dir, 'history'), { recursive: true })
      writeFileSync(join(dir, OWNER_FILE), `${pid}\n`)
    }
    // The crashed session's history database is still there, unlocked (its process is gone).
    await (await HistoryDb.open(join(orphan, 'history'), null)).close()
    expect(removeOrphanedTempDirs(parent)).toEqual([orphan])
    expect(existsSync(orphan)).toBe(false)
    expect(existsSync(live)).toBe(true)
  })
})
