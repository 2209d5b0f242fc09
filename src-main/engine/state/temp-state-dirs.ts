// Temporary folders for LevelDB state nobody asked to keep (a run without --state-dir). Each records
// the process that owns it (owner.pid), so the first one a process makes also removes the folders
// whose owner is gone (a run killed with kill -9 never removed its own). A session worker makes its
// folders inside the scratch folder its owning thread gave it, which that thread removes when the
// worker ends however it ended (watchdog stop, a kill, out of memory): see worker/worker-host.ts.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { processAlive } from './savepoint/atomic-dir'

export const OWNER_FILE = 'owner.pid'
/** The folder of a recording copied from a pipe (cli/piped-recording.ts). */
export const PIPE_COPY_PREFIX = 'riffle-stdin-'
/** Prefixes of the temporary folders Riffle makes directly under the system temp folder. */
const PREFIXES = ['riffle-state-', 'riffle-worker-', 'riffle-history-', PIPE_COPY_PREFIX]

let root: string | null = null
let swept = false

/** Where this thread makes its temporary state folders (a session worker: its scratch folder). */
export function setTempStateRoot(dir: string): void { root = dir }

/** A fresh folder for temporary state, marked with this process's pid. */
export function makeTempStateDir(): string {
  return makeOwnedTempDir(root ?? tmpdir(), 'riffle-state-')
}

/** A fresh folder for a LevelDB session's time-travel history (engine/state/leveldb/history/), marked like state folders. */
export function makeTempHistoryDir(): string {
  return makeOwnedTempDir(root ?? tmpdir(), 'riffle-history-')
}

/**
 * A fresh folder `parent/prefixXXXXXX` that records this process as its owner. The first call in a
 * thread first removes the folders of owners that are gone.
 */
export function makeOwnedTempDir(parent: string, prefix: string): string {
  if (!swept) {
    swept = true
    removeOrphanedTempDirs()
  }
  const dir = mkdtempSync(join(parent, prefix))
  writeFileSync(join(dir, OWNER_FILE), `${process.pid}\n`)
  return dir
}

/**
 * Removes Riffle's temporary folders under `parent` whose owner process is not running any more.
 * Folders without an owner file are left alone: nothing says they are ours to delete.
 */
export function removeOrphanedTempDirs(parent = tmpdir()): string[] {
  let names: string[]
  try { names = readdirSync(parent) } catch { return [] }
  const removed: string[] = []
  for (const name of names) {
    if (!PREFIXES.some((p) => name.startsWith(p))) continue
    const dir = join(parent, name)
    let pid: number
    try { pid = Number(readFileSync(join(dir, OWNER_FILE), 'utf8').trim()) } catch { continue }
    if (!Number.isInteger(pid) || pid <= 0 || processAlive(pid)) continue
    rmSync(dir, { recursive: true, force: true })
    removed.push(dir)
  }
  return removed
}
