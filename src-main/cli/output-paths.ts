// Refuses an output path that would overwrite what the run reads or owns (docs/command-line.md): the recording,
// the job, a golden file it is compared with, or anything inside the state directory or a savepoint
// folder. Compared by the files' identity (device and inode) and by where the path leads on disk (pathOnDisk, the
// rule the app's workspace checks use too), so a symlink, a relative path or a hard link to the recording is caught
// as well as the recording's own name.
import { fstatSync, statSync } from 'node:fs'
import { resolve, sep } from 'node:path'
import { absoluteAsTyped, pathOnDisk } from '../common/path-on-disk'

/** A file the output must not be. */
export interface GuardedFile { path: string; what: string }

/** A folder the output must not be inside. */
export interface GuardedDir { path: string; what: string }

/** Why `out` (named `flag` in messages) may not be written, or null. */
export function outputPathProblem(flag: string, out: string, files: GuardedFile[], dirs: GuardedDir[]): string | null {
  if (out === '-') return standardOutputProblem(`${flag} - is standard output`, files)
  const real = realPathOf(out)
  const id = fileId(out)
  for (const f of files) {
    const same = (id !== null && id === fileId(f.path)) || (real !== null && real === realPathOf(f.path))
    if (same) return `${flag} ${out} is ${f.what} (${f.path}); writing it would destroy it: choose another file`
  }
  if (real === null) return null // a loop of links: the write itself says so
  for (const d of dirs) {
    const dir = realPathOf(d.path)
    if (dir !== null && (real === dir || real.startsWith(dir + sep))) {
      return `${flag} ${out} is inside ${d.what} (${d.path}), which Riffle replaces or manages: choose a file outside it`
    }
  }
  return null
}

/**
 * Standard output redirected to a file the run reads (`--out - >> rec.jsonl`, or `riffle test ... >> rec.jsonl` whose
 * verdict goes there): the run would read its own output back, or leave its text in the recording, as `cat f >> f`
 * would. `writer` says what writes there. A pipe or a terminal is nobody's file: fine.
 */
export function standardOutputProblem(writer: string, files: GuardedFile[]): string | null {
  let id: string
  try {
    const st = fstatSync(1)
    if (!st.isFile()) return null
    id = `${st.dev}:${st.ino}`
  } catch {
    return null
  }
  const f = files.find((g) => fileId(g.path) === id)
  return f === undefined ? null
    : `${writer}, which is redirected to ${f.what} (${f.path}): writing it would destroy it, as cat FILE >> FILE would: redirect it to another file`
}

/** True when the folders are the same or one is inside the other (by real path where they exist). */
export function foldersOverlap(a: string, b: string): boolean {
  const ra = realPathOf(a) ?? resolve(a)
  const rb = realPathOf(b) ?? resolve(b)
  return ra === rb || ra.startsWith(rb + sep) || rb.startsWith(ra + sep)
}

/**
 * Where `p` leads on disk, links followed part by part as a write would follow them (a dangling link: to the file it
 * would create; `..` after a link: above where the link leads); parts not there yet are kept as written. Null for a
 * loop of links.
 */
function realPathOf(p: string): string | null {
  try { return pathOnDisk(absoluteAsTyped(p)).real } catch { return null }
}

function fileId(p: string): string | null {
  try {
    const st = statSync(p)
    return `${st.dev}:${st.ino}`
  } catch {
    return null
  }
}
