// Riffle's temporary folders name their owner from the moment they exist: a run killed (kill -9) between making
// one and writing its owner.pid still leaves a folder the next run knows to remove, and a folder that names no
// owner at all is still left alone.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeOwnedTempDir, OWNER_FILE, removeOrphanedTempDirs } from '../../../../src-main/engine/state/temp-state-dirs'
import { tempDir } from '../../helpers/run-inline'

/** The pid of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!
}

describe('temporary state folders and their owner', () => {
  it('carry their owner in their name as well as in owner.pid', () => {
    const parent = tempDir()
    const dir = makeOwnedTempDir(parent, 'riffle-state-')
    expect(dir.split('/').pop()).toMatch(new RegExp(`^riffle-state-${process.pid}-`))
    expect(readdirSync(dir)).toContain(OWNER_FILE)
  })

  it('a folder whose owner.pid was never written is removed when the owner its name gives is gone', () => {
    const parent = tempDir()
    const gone = deadPid()
    const noFile = join(parent, `riffle-state-${gone}-abc123`)
    const emptyFile = join(parent, `riffle-stdin-${gone}-def456`)
    const alive = join(parent, `riffle-state-${process.pid}-ghi789`)
    const unnamed = join(parent, 'riffle-state-jkl012')
    for (const d of [noFile, emptyFile, alive, unnamed]) mkdirSync(d)
    writeFileSync(join(emptyFile, OWNER_FILE), '')
    expect(removeOrphanedTempDirs(parent).sort()).toEqual([emptyFile, noFile].sort())
    expect(existsSync(alive)).toBe(true)
    expect(existsSync(unnamed)).toBe(true) // nothing says whose it is
  })
})
