// Lists the app keeps per job file between runs and reloads (gutter breakpoints, watch expressions): the app's own
// storage (the renderer's localStorage, which Electron keeps in the app's profile), one key per kind of list, keyed
// inside by the job file's path — never a file beside the user's job. The least recently saved jobs are dropped past
// a bound, so the storage cannot grow without bound; entries are checked on the way in.

/** Jobs remembered at most per kind of list. */
const MAX_JOBS = 200

type Store<T> = Record<string, { at: number; list: T[] }>

function readAll<T>(key: string, storage: Storage): Store<T> {
  try {
    const v = JSON.parse(storage.getItem(key) ?? '{}') as unknown
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Store<T>) : {}
  } catch { return {} }
}

/** The list kept under `key` for the job, each entry checked by `valid` (an older build's or a hand-edited one). */
export function loadPerJob<T>(key: string, jobPath: string, valid: (v: unknown) => v is T, storage: Storage = localStorage): T[] {
  if (jobPath === '') return []
  const entry = readAll<T>(key, storage)[jobPath]
  return Array.isArray(entry?.list) ? entry.list.filter(valid) : []
}

/** Keeps the job's list under `key` (an empty list forgets the job). */
export function savePerJob<T>(key: string, jobPath: string, list: T[], storage: Storage = localStorage): void {
  if (jobPath === '') return
  const all = readAll<T>(key, storage)
  if (list.length === 0) delete all[jobPath]
  else all[jobPath] = { at: Date.now(), list }
  const kept = Object.entries(all).sort((a, b) => (b[1].at ?? 0) - (a[1].at ?? 0)).slice(0, MAX_JOBS)
  try {
    storage.setItem(key, JSON.stringify(Object.fromEntries(kept)))
  } catch { /* storage full or refused: the list lasts for this window only */ }
}
