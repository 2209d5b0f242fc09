// The files of a LevelDB checkpoint: a copy of a database's files taken while nothing writes to it, cheap
// because LevelDB's table files (*.ldb, *.sst) never change once written and its write-ahead log (*.log)
// only grows, so a checkpoint hard-links both and copies only the MANIFEST and CURRENT. A log is linked
// with its length at the time: the writes after it belong to later checkpoints, so installing a checkpoint
// copies only that many bytes of it (a record boundary: nothing writes while a checkpoint is taken), and
// copies the tables (see installCheckpoint). A database opened on them replays that log into a new table, writes a new
// manifest and log, replaces CURRENT by a rename and deletes the old ones, so it never changes a file a
// checkpoint holds.
//
// Why the log is linked rather than emptied by a memtable flush at each checkpoint: the flushed table
// sits in level 0 over the whole key range, every read that misses it counts against it, and after 100
// such reads LevelDB compacts it into level 1, rewriting all of level 1 (the whole state), so every
// checkpoint pinned a full copy of the state. Left in the memtable, the writes reach a table only when the
// write buffer fills, and the state is rewritten once per buffer, not once per checkpoint.
//
// A background compaction may run while a checkpoint is taken (it writes new table files, appends to the
// manifest, then deletes the tables and logs it replaced). The manifest is copied first and the files
// linked are those listed before and after the copy, so every file the copied manifest names is linked,
// unless a second compaction deleted it within that window: then its link fails and the checkpoint is
// taken again. (LevelDB refuses to open a database whose manifest names a missing table, so a broken
// checkpoint could not go unnoticed either.)
import { closeSync, copyFileSync, linkSync, mkdirSync, openSync, readSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** A file of a checkpoint: its inode (a hard link shares it with the live database) and size (a log's: its length then). */
export interface CheckpointFile { name: string; ino: number; size: number }

const TABLE = /^\d+\.(ldb|sst)$/
const LOG = /^\d+\.log$/
const COPIED = /^(MANIFEST-\d+|CURRENT)$/

/** True for the files of the LevelDB database itself (not LOCK, LOG or Riffle's own files). */
function isDbFile(name: string): boolean {
  return TABLE.test(name) || LOG.test(name) || COPIED.test(name)
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

/** Writes the first `length` bytes of src to dest (a new file). */
function copyPrefix(src: string, dest: string, length: number): void {
  const buf = Buffer.allocUnsafe(length)
  const fd = openSync(src, 'r')
  try {
    let done = 0
    while (done < length) {
      const n = readSync(fd, buf, done, length - done, done)
      if (n === 0) throw new Error(`internal: time-travel checkpoint log ${src} holds ${done} bytes, ${length} expected`)
      done += n
    }
  } finally {
    closeSync(fd)
  }
  writeFileSync(dest, buf)
}

/** Bytes in the write-ahead logs of the database in `dir` (the writes not yet in a table). */
export function logBytes(dir: string): number {
  let n = 0
  for (const name of readdirSync(dir)) {
    if (!LOG.test(name)) continue
    try { n += statSync(join(dir, name)).size } catch (err) { if (!isMissing(err)) throw err }
  }
  return n
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
      // The manifest and CURRENT first (CURRENT names the manifest), then every table and log listed before or after.
      for (const name of before) if (COPIED.test(name)) copyFileSync(join(live, name), join(dest, name))
      const linked = new Set(before.filter((n) => !COPIED.test(n)))
      for (const name of readdirSync(live)) if (TABLE.test(name) || LOG.test(name)) linked.add(name)
      for (const name of linked) linkOrCopy(join(live, name), join(dest, name))
      // A log's size is read from the checkpoint's link (same inode), now that nothing writes to it.
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
 * Replaces the database files in `live` (closed) by the checkpoint in `src`, whose files takeCheckpoint()
 * returned as `files` (a log is copied up to its length then). Riffle's own files in the folder
 * (riffle-state.json, owner.pid) stay.
 */
export function installCheckpoint(src: string, live: string, files: readonly CheckpointFile[]): void {
  for (const name of readdirSync(live)) if (isDbFile(name) || name === 'LOG' || name === 'LOG.old') rmSync(join(live, name), { force: true })
  for (const f of files) {
    if (!isDbFile(f.name)) continue
    if (LOG.test(f.name)) copyPrefix(join(src, f.name), join(live, f.name), f.size)
    // Tables are copied, not linked: a checkpoint may hold a table its manifest does not name yet (written
    // by a compaction while it was taken), numbered at or past the manifest's next file number, and the
    // database opened here writes the replayed log to a table of that number, truncating the file of that
    // name; linked, that would corrupt the checkpoint's (and every other holder's) copy.
    else if (TABLE.test(f.name)) copyFileSync(join(src, f.name), join(live, f.name))
    else linkOrCopy(join(src, f.name), join(live, f.name))
  }
}
