// Replacing a directory so that a crash at any point leaves either the old or the new one whole.
//
// The new content is written into a temporary sibling (.NAME.tmp-PID-RAND) and fsynced. Then the old
// directory, if any, is renamed aside (.NAME.old-PID-RAND), the temporary one renamed into place, the
// parent fsynced and the old one deleted. POSIX has no atomic swap of two non-empty directories, so
// between the two renames the target is briefly absent; recoverInterrupted() puts the old one back
// if a crash struck exactly there, and removes temporaries of writers that are no longer running.
import { randomBytes } from 'node:crypto'
import { open, readdir, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { makeDirs } from '../make-dirs'

export interface Sibling { path: string; pid: number }

function siblings(parentEntries: string[], parent: string, base: string, kind: 'tmp' | 'old'): Sibling[] {
  const prefix = `.${base}.${kind}-`
  return parentEntries
    .filter((n) => n.startsWith(prefix))
    .map((n) => ({ path: join(parent, n), pid: Number(n.slice(prefix.length).split('-')[0]) }))
}

/** True while process `pid` runs (it may belong to another user: EPERM still means alive). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  if (pid === process.pid) return true
  try { process.kill(pid, 0); return true } catch (err) { return (err as NodeJS.ErrnoException).code === 'EPERM' }
}

export async function exists(path: string): Promise<boolean> {
  try { await stat(path); return true } catch { return false }
}

/** Fsyncs a directory so renames and new entries in it survive a power loss. */
export async function fsyncDir(path: string): Promise<void> {
  const fh = await open(path, 'r')
  try { await fh.sync() } finally { await fh.close() }
}

/**
 * Puts back a target that an interrupted replace left renamed aside (only when the target itself is
 * missing), and deletes temporaries and leftovers of writers that are not running any more.
 */
export async function recoverInterrupted(target: string): Promise<void> {
  const parent = dirname(target)
  const base = basename(target)
  let entries: string[]
  try { entries = await readdir(parent) } catch { return }
  const olds = siblings(entries, parent, base, 'old').filter((s) => !processAlive(s.pid))
  if (olds.length > 0 && !(await exists(target))) {
    await rename(olds[0].path, target)
    olds.shift()
  }
  for (const s of [...olds, ...siblings(entries, parent, base, 'tmp').filter((t) => !processAlive(t.pid))]) {
    await rm(s.path, { recursive: true, force: true })
  }
}

/** A fresh temporary sibling of target, for writing the replacement into. */
export async function makeTempSibling(target: string): Promise<string> {
  const tmp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`)
  await makeDirs(tmp)
  return tmp
}

/** Moves the fully written, fsynced tmp directory into place, replacing target if it exists. */
export async function replaceDir(tmp: string, target: string): Promise<void> {
  const parent = dirname(target)
  await fsyncDir(tmp)
  let old: string | null = null
  if (await exists(target)) {
    old = join(parent, `.${basename(target)}.old-${process.pid}-${randomBytes(4).toString('hex')}`)
    await rename(target, old)
  }
  await rename(tmp, target)
  await fsyncDir(parent)
  if (old !== null) await rm(old, { recursive: true, force: true })
}
