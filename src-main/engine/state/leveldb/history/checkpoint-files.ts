// The files of a LevelDB checkpoint: a copy of a database's files taken while nothing writes to it, cheap
// because LevelDB's table files (*.ldb, *.sst) never change once written, so a checkpoint hard-links them
// and copies only the files LevelDB appends to (the MANIFEST and the write-ahead *.log) and CURRENT.
// Installing one back hard-links all of them: a database opened on them writes a new manifest and log,
// replaces CURRENT by a rename and deletes the old ones, so it never changes a file the checkpoint holds.
//
// A background compaction may run while a checkpoint is taken (it writes new table files, appends to the
// manifest, then deletes the tables it replaced). The manifest is copied first and the tables linked are
// those listed before and after the copy, so every table the copied manifest names is linked, unless a
// second compaction deleted it within that window: then its link fails and the checkpoint is taken again.
// (LevelDB refuses to open a database whose manifest names a missing table, so a broken checkpoint
// could not go unnoticed either.)
import { copyFileSync, linkSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** A file of a checkpoint: its inode (a hard link shares it with the live database) and size. */
export interface CheckpointFile { name: string; ino: number; size: number }

const TABLE = /^\d+\.(ldb|sst)$/
const APPENDED = /^(MANIFEST-\d+|\d+\.log|CURRENT)$/

/** True for the files of the LevelDB database itself (not LOCK, LOG or Riffle's own files). */
function isDbFile(name: string): boolean {
  return TABLE.test(name) || APPENDED.test(name)
}

function isMissing(err: unknown): boolean {
  return (err as { code?: string }).code === 'ENOENT'
}

/** Hard-links src to dest, or copies it when the two are on different file systems. */
function linkOrCopy(src: string, dest: string): void {
  try {
    linkSync(src, dest)
  } catch (err) {
    if ((err as { code?: string }).code !== 'EXDEV') throw err
    copyFileSync(src, dest)
  }
}

/**
 * Takes a checkpoint of the database in `live` into `dest` (made; must not exist). No write to the
 * database may be pending or in flight. Returns its files.
 */
export function takeCheckpoint(live: string, dest: string): CheckpointFile[] {
  for (let attempt = 0; ; attempt++) {
    rmSync(dest, { recursive: true, force: true })
    mkdirSync(dest, { recursive: true })
    try {
      const before = readdirSync(live).filter(isDbFile)
      // Appended files first (CURRENT names the manifest), then every table listed before or after.
      for (const name of before) if (APPENDED.test(name)) copyFileSync(join(live, name), join(dest, name))
      const tables = new Set(before.filter((n) => TABLE.test(n)))
      for (const name of readdirSync(live)) if (TABLE.test(name)) tables.add(name)
      for (const name of tables) linkOrCopy(join(live, name), join(dest, name))
      return readdirSync(dest).map((name) => {
        const st = statSync(join(dest, name))
        return { name, ino: st.ino, size: st.size }
      })
    } catch (err) {
      // A compaction deleted a file between the listing and its link or copy: take it again.
      if (!isMissing(err) || attempt >= 20) throw err
    }
  }
}

/**
 * Replaces the database files in `live` (closed) by the checkpoint in `src`. Riffle's own files in the
 * folder (riffle-state.json, owner.pid) stay.
 */
export function installCheckpoint(src: string, live: string): void {
  for (const name of readdirSync(live)) if (isDbFile(name) || name === 'LOG' || name === 'LOG.old') rmSync(join(live, name), { force: true })
  for (const name of readdirSync(src)) if (isDbFile(name)) linkOrCopy(join(src, name), join(live, name))
}
