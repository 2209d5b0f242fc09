// Where a path leads on disk: each part walked as the system does, links followed (a dangling one too, since a write
// would create its target) and `..` taken after a link, so the app's workspace checks and the command line's checks of
// --out and golden files (cli/output-paths.ts, cli/output-file.ts) see the file that is really reached.
import { lstatSync, readlinkSync } from 'node:fs'
import { isAbsolute, join, parse, sep } from 'node:path'

/** The system gives up after this many links on one path (ELOOP); so do we. */
const MAX_LINKS = 40

export interface OnDisk {
  /** The path reached, links followed; parts that do not exist yet are kept as written. */
  real: string
  /** The first link met on the way (the one in the path as given), or null when there is none. */
  via: string | null
}

/**
 * `path` made absolute as the system reads it: the working folder put in front of a relative one, and its `..` left
 * for pathOnDisk to take where it falls (path.resolve takes `link/..` by its text, which is not where a write goes).
 */
export function absoluteAsTyped(path: string): string {
  return isAbsolute(path) ? path : `${process.cwd()}${sep}${path}`
}

/** Follows `abs` (absolute; `.` and `..` taken where they fall) part by part as the disk has it; throws on a loop of links. */
export function pathOnDisk(abs: string): OnDisk {
  const root = parse(abs).root
  let cur = root
  let via: string | null = null
  const todo = abs.slice(root.length).split(sep).filter(Boolean).reverse()
  for (let hops = 0; todo.length > 0;) {
    const part = todo.pop() as string
    if (part === '.') continue
    if (part === '..') { cur = join(cur, '..'); continue }
    const next = join(cur, part)
    let link: string | null = null
    try { if (lstatSync(next).isSymbolicLink()) link = readlinkSync(next) } catch { /* not there yet: kept as written */ }
    if (link === null) { cur = next; continue }
    if (++hops > MAX_LINKS) throw new Error(`${abs} goes through more than ${MAX_LINKS} links (a loop of links?)`)
    via ??= next
    // A link's target is relative to the folder holding the link (cur, already real), or absolute.
    if (isAbsolute(link)) cur = parse(link).root
    todo.push(...link.slice(isAbsolute(link) ? parse(link).root.length : 0).split(/[\\/]/).filter(Boolean).reverse())
  }
  return { real: cur, via }
}
