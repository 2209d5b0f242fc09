// Creating the folders a run writes (a --state-dir, a savepoint's parent) and checking beforehand that
// it can. Node's mkdir({ recursive: true }) never returns under /proc: mkdir there says ENOENT though the
// parent exists, so it climbs to /proc, finds it, and tries the child again, forever. These create one
// level at a time and turn a refusal into words that name the folder.
import { mkdtempSync, rmdirSync, statSync } from 'node:fs'
import { mkdir, stat } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'

/** Why a folder or file could not be created, in a user's words (the errno code kept for searching). */
export function refusal(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code
  const why: Record<string, string> = {
    ENOENT: 'the file system there does not allow new folders',
    EACCES: 'permission denied',
    EPERM: 'the file system there does not allow new folders',
    EROFS: 'the file system is read-only',
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
  }
  return code !== undefined && why[code] !== undefined ? `${why[code]} (${code})` : (e as Error).message
}

/** An error for a folder that could not be made in parent. */
export class MakeDirError extends Error {
  constructor(readonly parent: string, cause: unknown) {
    super(`cannot create a folder in ${parent}: ${refusal(cause)}`, { cause })
  }
}

/** Creates dir and its missing parents, one level at a time; throws MakeDirError (or ENOTDIR) otherwise. */
export async function makeDirs(dir: string): Promise<void> {
  const missing: string[] = []
  let p = resolve(dir)
  for (; ; p = dirname(p)) {
    const s = await stat(p).catch((e: NodeJS.ErrnoException) => { if (e.code === 'ENOENT') return null; throw e })
    if (s !== null) {
      if (!s.isDirectory()) throw Object.assign(new Error(`ENOTDIR: ${p} is not a folder`), { code: 'ENOTDIR' })
      break
    }
    missing.push(p)
    if (dirname(p) === p) break
  }
  for (const m of missing.reverse()) {
    try {
      await mkdir(m)
    } catch (e) {
      // Another process made it meanwhile: as good as made.
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && (await stat(m)).isDirectory()) continue
      throw new MakeDirError(dirname(m), e)
    }
  }
}

/**
 * Why folders could not be created where dir is (or inside dir, when it exists), or null: tried, by
 * making and removing an empty folder in the nearest folder that exists, before a run that would need
 * them only at its end (a savepoint) or after opening everything else (a state directory).
 */
export function dirCreationProblem(dir: string): string | null {
  let p = resolve(dir)
  for (; ; p = dirname(p)) {
    let s
    try { s = statSync(p) } catch { if (dirname(p) === p) return null; continue }
    if (!s.isDirectory()) return `${p} is not a folder`
    break
  }
  try {
    rmdirSync(mkdtempSync(join(p, '.riffle-probe-')))
    return null
  } catch (e) {
    return new MakeDirError(p, e).message
  }
}
