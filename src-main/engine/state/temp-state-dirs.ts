// Temporary folders for LevelDB state nobody asked to keep (a run without --state-dir). Each records
// the process that owns it (owner.pid), so the first one a process makes also removes the folders
// whose owner is gone (a run killed with kill -9 never removed its own). A session worker makes its
// folders inside the scratch folder its owning thread gave it, which that thread removes when the
// worker ends however it ended (watchdog stop, a kill, out of memory): see worker/worker-host.ts.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { processAlive } from './savepoint/atomic-dir'
import { RiffleError } from '../../common/errors'
import { errnoReason } from '../../common/errno-reason'

export const OWNER_FILE = 'owner.pid'
/** The folder of a recording copied from a pipe (cli/piped-recording.ts). */
export const PIPE_COPY_PREFIX = 'riffle-stdin-'
/** A session's copy of the savepoint it loaded (worker/kept-savepoint.ts). */
export const KEPT_SAVEPOINT_PREFIX = 'riffle-loaded-'
/** Prefixes of the temporary folders Riffle makes directly under the system temp folder. */
const PREFIXES = ['riffle-state-', 'riffle-worker-', 'riffle-history-', PIPE_COPY_PREFIX, KEPT_SAVEPOINT_PREFIX]

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
  // The pid is in the name too: a kill -9 between making the folder and writing owner.pid leaves it still owned.
  const dir = makeTempDir(parent, `${prefix}${process.pid}-`)
  try {
    writeFileSync(join(dir, OWNER_FILE), `${process.pid}\n`)
  } catch (e) {
    rmSync(dir, { recursive: true, force: true })
    throw tempFolderFailed(parent, e)
  }
  return dir
}

/**
 * mkdtempSync(parent/prefixXXXXXX), or a TEMP_FOLDER_FAILED error that names the folder (and TMPDIR when it is the
 * system's) and what to do: a TMPDIR that is not there is the user's to fix, not a bug in Riffle with its stack.
 */
export function makeTempDir(parent: string, prefix: string): string {
  try {
    return mkdtempSync(join(parent, prefix))
  } catch (e) {
    throw tempFolderFailed(parent, e)
  }
}

function tempFolderFailed(parent: string, e: unknown): RiffleError {
  const system = parent === tmpdir()
  const named = system && process.env.TMPDIR !== undefined && process.env.TMPDIR !== ''
  return new RiffleError('TEMP_FOLDER_FAILED', `cannot make a temporary folder in ${parent}${named ? ' (TMPDIR)' : ''}: ${errnoReason(e)}` +
    `${system ? '; set TMPDIR to a folder you can write, with free space' : ''}`, { cause: e })
}

/** The owner of one of our folders: its owner.pid, else the pid its name carries (makeOwnedTempDir), else null. */
function ownerOf(dir: string, name: string, prefix: string): number | null {
  let pid = NaN
  try { pid = Number(readFileSync(join(dir, OWNER_FILE), 'utf8').trim()) } catch { /* not written (yet) */ }
  if (Number.isInteger(pid) && pid > 0) return pid
  const m = /^(\d+)-/.exec(name.slice(prefix.length))
  return m === null ? null : Number(m[1])
}

/**
 * Removes Riffle's temporary folders under `parent` whose owner process is not running any more.
 * Folders that name no owner (no owner.pid, no pid in the name) are left alone: nothing says they are ours to delete;
 * so are those that cannot be removed.
 */
export function removeOrphanedTempDirs(parent = tmpdir()): string[] {
  let names: string[]
  try { names = readdirSync(parent) } catch { return [] }
  const removed: string[] = []
  for (const name of names) {
    const prefix = PREFIXES.find((p) => name.startsWith(p))
    if (prefix === undefined) continue
    const dir = join(parent, name)
    const pid = ownerOf(dir, name, prefix)
    if (pid === null || processAlive(pid)) continue
    // Another user's (a shared /tmp), or one whose files may not be removed: not ours to clear, and no reason to
    // stop this run (it stopped every run of the user with an INTERNAL error).
    try { rmSync(dir, { recursive: true, force: true }) } catch { continue }
    removed.push(dir)
  }
  return removed
}
