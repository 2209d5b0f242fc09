// A state directory is Riffle's only when it is new, empty or carries Riffle's mark (riffle-state.json):
// a folder of the user's is refused before LevelDB touches it, so no file of theirs is deleted (LevelDB
// used to remove a user's 000001.log in such a folder).
import { ClassicLevel } from 'classic-level'
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { LevelDbStateBackend } from '../../../../../src-main/engine/state/leveldb/leveldb-backend'
import { MARKER_FILE } from '../../../../../src-main/engine/state/leveldb/state-dir-marker'
import { removeTempDirs, tempDir } from './tmp-dirs'

afterAll(removeTempDirs)

async function refusal(dir: string): Promise<{ code?: string; message: string }> {
  try {
    const b = await LevelDbStateBackend.open({ dir })
    await b.close()
  } catch (e) {
    return e as { code?: string; message: string }
  }
  throw new Error(`${dir} was not refused`)
}

describe('the state directory mark', () => {
  it('a folder of the user\'s (a 000001.log among other files, or alone) is refused and left exactly as it was', async () => {
    for (const files of [{ '000001.log': 'my log\n', 'notes.txt': 'x' }, { '000001.log': 'my log\n' }]) {
      const dir = tempDir()
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
      const err = await refusal(dir)
      expect(err.code).toBe('BAD_ARGUMENT')
      expect(err.message).toBe(`cannot use state directory ${dir}: the folder is not empty and is not a Riffle state directory ` +
        `(it has no ${MARKER_FILE}; it holds ${Object.keys(files).join(', ')}). Riffle would overwrite or delete files in it: choose a new or empty folder`)
      expect(readdirSync(dir).sort()).toEqual(Object.keys(files).sort())
      expect(readFileSync(join(dir, '000001.log'), 'utf8')).toBe('my log\n')
    }
  })

  it('a new or an empty folder is taken and marked; a marked one is taken again', async () => {
    for (const dir of [join(tempDir(), 'new', 'state'), tempDir()]) {
      const b = await LevelDbStateBackend.open({ dir })
      await b.close()
      expect(existsSync(join(dir, MARKER_FILE))).toBe(true)
      const again = await LevelDbStateBackend.open({ dir })
      await again.close()
    }
  })

  it('a Riffle database from before the mark is taken and marked; another LevelDB database is refused', async () => {
    const old = tempDir()
    const b = await LevelDbStateBackend.open({ dir: old })
    await b.close()
    rmSync(join(old, MARKER_FILE))
    const reopened = await LevelDbStateBackend.open({ dir: old })
    await reopened.close()
    expect(existsSync(join(old, MARKER_FILE))).toBe(true)

    const foreign = tempDir()
    const db = new ClassicLevel<string, string>(foreign)
    await db.put('user-key', 'user value')
    await db.close()
    const err = await refusal(foreign)
    expect(err.code).toBe('BAD_ARGUMENT')
    expect(err.message).toContain('it holds a LevelDB database that is not Riffle state')
    expect(existsSync(join(foreign, MARKER_FILE))).toBe(false)
  })

  it('a path that is a file is refused as a bad argument', async () => {
    const file = join(tempDir(), 'f')
    writeFileSync(file, 'x')
    const err = await refusal(file)
    expect(err.code).toBe('BAD_ARGUMENT')
    expect(err.message).toBe(`cannot use state directory ${file}: it is not a folder`)
  })

  it('a path through a file (the recording given as a parent) names that file', async () => {
    const file = join(tempDir(), 'clicks.jsonl')
    writeFileSync(file, 'x')
    const err = await refusal(join(file, 'state'))
    expect(err.code).toBe('BAD_ARGUMENT')
    expect(err.message).toBe(`cannot use state directory ${join(file, 'state')}: ${file} is a file, not a folder`)
  })
})
