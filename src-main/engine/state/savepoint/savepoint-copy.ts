// A private copy of a savepoint folder, for a session that must be able to load it again later (a fresh worker after
// a watchdog stop) whatever the user does to the folder meanwhile: saves another savepoint over it, or deletes it.
// Files are hard-linked where the disk allows (a savepoint's files are never changed in place: a new one is written
// beside and renamed, docs/savepoint-format.md, so a link keeps the loaded bytes), else copied.
import { copyFile, link, mkdir, stat } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { readManifest } from './savepoint-reader'
import { MANIFEST_FILE, SavepointInvalidError } from './savepoint-types'

/** Links `from` to `to`, or copies it when a link is not possible (another file system, a disk without links). */
async function linkOrCopy(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true })
  try { await link(from, to) } catch { await copyFile(from, to) }
}

/**
 * Copies the savepoint at `dir` into the empty folder `into`: its manifest first, then the files that manifest lists
 * (nothing else the folder may hold). The manifest is read from the copy, so the files taken are the ones it lists
 * even if the folder is replaced meanwhile; a file that changed in between has another size and is refused here (a
 * change of the same size is caught by its checksum when the copy is loaded).
 */
export async function copySavepoint(dir: string, into: string): Promise<void> {
  const root = resolve(dir)
  await linkOrCopy(join(root, MANIFEST_FILE), join(into, MANIFEST_FILE))
  const m = await readManifest(into)
  for (const f of [m.engine, ...m.tables, ...(m.streams ?? [])]) {
    const to = join(into, f.file)
    await linkOrCopy(join(root, f.file), to)
    const bytes = (await stat(to)).size
    if (bytes !== f.bytes) throw new SavepointInvalidError(dir, f.file, `${bytes} bytes but the manifest says ${f.bytes} (it changed while it was copied)`)
  }
}
