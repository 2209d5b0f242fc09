// Kept runs for Compare: the newest few logs are kept and older files deleted, dispose removes the folder,
// and the folder of a process that was killed is removed when the next one starts keeping runs.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { KeptRuns, removeStaleFolders } from '../../../src-main/service/kept-runs'

describe('kept runs', () => {
  it('keeps the newest runs and deletes the files of older ones; dispose removes the folder', async () => {
    const runs = new KeptRuns(2)
    for (const id of ['a', 'b', 'c']) {
      writeFileSync(runs.fileFor(id), '{}\n')
      runs.add(id, 1)
    }
    expect(runs.file('a')).toBeNull()
    expect(runs.file('c')).not.toBeNull()
    await new Promise((r) => setTimeout(r, 50))
    const folder = dirname(runs.fileFor('c'))
    expect(existsSync(join(folder, 'a.jsonl'))).toBe(false)
    expect(existsSync(join(folder, 'b.jsonl'))).toBe(true)
    expect(folder).toContain(`riffle-runs-${process.pid}-`)
    runs.dispose()
    expect(existsSync(folder)).toBe(false)
  })

  it('removes the folders of processes that are gone, and keeps those of live ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'riffle-stale-'))
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!
    mkdirSync(join(dir, `riffle-runs-${dead}-x1`))
    mkdirSync(join(dir, `riffle-runs-${process.pid}-x2`))
    mkdirSync(join(dir, 'riffle-other-1-x3'))
    removeStaleFolders(dir)
    expect(existsSync(join(dir, `riffle-runs-${dead}-x1`))).toBe(false)
    expect(existsSync(join(dir, `riffle-runs-${process.pid}-x2`))).toBe(true)
    expect(existsSync(join(dir, 'riffle-other-1-x3'))).toBe(true)
  })
})
