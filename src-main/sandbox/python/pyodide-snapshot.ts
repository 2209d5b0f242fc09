// Pyodide memory snapshots cached on disk: the interpreter's memory right after Riffle's Python package was
// imported, so a new thread starts Python in a fraction of a full load. One file per (Pyodide version, Python
// sources) key, a few at most, written atomically (several workers may make one at once).
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** How many snapshots the cache keeps (other Riffle versions, other checkouts): the newest ones. */
const KEEP = 3
const SUFFIX = '.pyodide-snapshot'

/**
 * The cache folder: RIFFLE_PYODIDE_CACHE names it ("off" for none: every thread loads Pyodide in full), else
 * riffle-pyodide in the temporary folder.
 */
export function snapshotDir(): string | null {
  const env = process.env.RIFFLE_PYODIDE_CACHE
  if (env === 'off') return null
  return env !== undefined && env !== '' ? env : join(tmpdir(), 'riffle-pyodide')
}

/** The key of a snapshot: everything that went into the memory it holds. */
export function snapshotKey(pyodideVersion: string, setup: string, files: ReadonlyArray<{ path: string; text: string }>): string {
  const h = createHash('sha256').update(`${pyodideVersion}\0${setup}\0`)
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) h.update(`${f.path}\0${f.text}\0`)
  return h.digest('hex').slice(0, 32)
}

/** The cached snapshot for `key`, or null (none, or the cache is off or unreadable). */
export function readSnapshot(dir: string | null, key: string): Uint8Array | null {
  if (dir === null) return null
  try {
    return readFileSync(join(dir, key + SUFFIX))
  } catch {
    return null
  }
}

/** Stores a snapshot (best effort: a full disk only costs the next start its speed), keeping the newest KEEP. */
export function writeSnapshot(dir: string | null, key: string, bytes: Uint8Array): void {
  if (dir === null) return
  try {
    mkdirSync(dir, { recursive: true })
    const tmp = join(dir, `${key}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`)
    writeFileSync(tmp, bytes)
    renameSync(tmp, join(dir, key + SUFFIX))
    prune(dir)
  } catch {
    // best effort, see above
  }
}

/** Removes a snapshot that failed to load (written by a crashed process, or damaged). */
export function dropSnapshot(dir: string | null, key: string): void {
  if (dir !== null) rmSync(join(dir, key + SUFFIX), { force: true })
}

function prune(dir: string): void {
  const files = readdirSync(dir)
    .filter((n) => n.endsWith(SUFFIX))
    .map((n) => ({ n, t: statSync(join(dir, n)).mtimeMs }))
    .sort((a, b) => b.t - a.t)
  for (const f of files.slice(KEEP)) rmSync(join(dir, f.n), { force: true })
}
