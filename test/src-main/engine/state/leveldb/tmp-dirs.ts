// Temporary state directories for LevelDB tests, removed after each test file.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const made: string[] = []

/** A fresh empty folder under os.tmpdir(). */
export function tempDir(tag = 'riffle-leveldb-'): string {
  const d = mkdtempSync(join(tmpdir(), tag))
  made.push(d)
  return d
}

/** Removes every folder made by tempDir() (call from afterAll). */
export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true })
}
