// The one "did you mean" of the command line: the known name a typo most likely meant, for a mistyped option
// (parse-args-message.ts) and for a path that does not exist but is a typo away from one that does (the job, the
// recording, --from-savepoint, the golden file, --out's folder); for a link that leads nowhere, where it leads.
import { existsSync, lstatSync, readdirSync, readlinkSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/** The known name a typo of `name` most likely meant (one edit away, two for a longer name), or null. */
export function nearest(name: string, known: string[]): string | null {
  let best: string | null = null
  // A short name is within two edits of too many others: "--foo" is not a typo of "--to".
  let bestDistance = name.length >= 6 ? 3 : 2
  for (const k of known) {
    const d = editDistance(name, k)
    if (d < bestDistance) { best = k; bestDistance = d }
  }
  return best
}

/**
 * The option a mistyped long option `name` (without "--") meant: a typo of one (nearest), or one cut short (`watchdog`
 * for watchdog-ms), which is too many edits away to be a typo, when no other option starts the same way.
 */
export function nearestOption(name: string, known: string[]): string | null {
  const near = nearest(name, known)
  if (near !== null) return near
  const longer = known.filter((k) => k.startsWith(name))
  return longer.length === 1 ? longer[0] : null
}

/**
 * The existing path a missing `path` most likely meant, written as the user wrote theirs (relative stays relative),
 * or null: each missing part (the file's name, or a folder's on the way) is taken as a typo of one entry of the
 * folder above it.
 */
export function nearestPath(path: string): string | null {
  if (existsSync(path)) return null
  const near = nearExisting(path)
  return near === null || near === path ? null : near
}

/**
 * ` (did you mean PATH?)` for a missing path near an existing one, else ''. A path that is a link leading nowhere is
 * not missing to ls: what it leads to is said instead.
 */
export function didYouMeanPath(path: string): string {
  const link = brokenLink(path)
  if (link !== null) return link
  const near = nearestPath(path)
  return near === null ? '' : ` (did you mean ${near}?)`
}

/** ` (it is a link to T, which does not exist)`, or a loop of links, for a link that leads nowhere; else null. */
function brokenLink(path: string): string | null {
  let target: string
  try {
    if (!lstatSync(path).isSymbolicLink()) return null
    target = readlinkSync(path)
  } catch {
    return null
  }
  try {
    statSync(path)
    return null
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ELOOP' ? ' (it is a link in a loop of links)' : ` (it is a link to ${target}, which does not exist)`
  }
}

function nearExisting(path: string): string | null {
  if (existsSync(path)) return path
  const parent = dirname(path)
  if (parent === path) return null
  const folder = nearExisting(parent)
  if (folder === null) return null
  let names: string[]
  try {
    if (!statSync(folder).isDirectory()) return null
    names = readdirSync(folder)
  } catch {
    return null
  }
  const name = nearest(basename(path), names)
  // join('.', 'x') is 'x': a path typed without a folder keeps none.
  return name === null ? null : parent === '.' && folder === '.' ? name : join(folder, name)
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = cur
  }
  return prev[b.length]
}
