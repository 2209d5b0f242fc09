// Where gutter breakpoints are kept between runs and reloads: the app's own storage (the renderer's
// localStorage, which Electron keeps in the app's profile), keyed by the job file's path — never a file beside
// the user's job. Each entry keeps the line as Monaco's decorations last tracked it, so edits that move lines
// carry the breakpoints along.
export interface StoredLineBreakpoint {
  line: number
  enabled: boolean
  condition?: string
  log?: string
}

const KEY = 'riffle.lineBreakpoints'
/** Jobs remembered at most (the least recently saved are dropped), so the storage cannot grow without bound. */
const MAX_JOBS = 200

type Store = Record<string, { at: number; list: StoredLineBreakpoint[] }>

function readAll(storage: Storage): Store {
  try {
    const v = JSON.parse(storage.getItem(KEY) ?? '{}') as unknown
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Store) : {}
  } catch { return {} }
}

function valid(b: unknown): b is StoredLineBreakpoint {
  if (b === null || typeof b !== 'object') return false
  const o = b as Record<string, unknown>
  return Number.isInteger(o.line) && (o.line as number) >= 1 && typeof o.enabled === 'boolean'
    && (o.condition === undefined || typeof o.condition === 'string') && (o.log === undefined || typeof o.log === 'string')
}

export function loadLineBreakpoints(jobPath: string, storage: Storage = localStorage): StoredLineBreakpoint[] {
  if (jobPath === '') return []
  const entry = readAll(storage)[jobPath]
  return Array.isArray(entry?.list) ? entry.list.filter(valid) : []
}

export function saveLineBreakpoints(jobPath: string, list: StoredLineBreakpoint[], storage: Storage = localStorage): void {
  if (jobPath === '') return
  const all = readAll(storage)
  if (list.length === 0) delete all[jobPath]
  else all[jobPath] = { at: Date.now(), list }
  const kept = Object.entries(all).sort((a, b) => (b[1].at ?? 0) - (a[1].at ?? 0)).slice(0, MAX_JOBS)
  try {
    storage.setItem(KEY, JSON.stringify(Object.fromEntries(kept)))
  } catch { /* storage full or refused: the breakpoints last for this window only */ }
}
