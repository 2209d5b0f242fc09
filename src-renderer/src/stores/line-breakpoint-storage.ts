// Where gutter breakpoints are kept between runs and reloads: per job file, in the app's own storage
// (prefs/per-job-storage.ts). Each entry keeps the line as Monaco's decorations last tracked it, so edits that move
// lines carry the breakpoints along.
import { loadPerJob, savePerJob } from '../prefs/per-job-storage'

export interface StoredLineBreakpoint {
  line: number
  enabled: boolean
  condition?: string
  log?: string
}

const KEY = 'riffle.lineBreakpoints'

function valid(b: unknown): b is StoredLineBreakpoint {
  if (b === null || typeof b !== 'object') return false
  const o = b as Record<string, unknown>
  return Number.isInteger(o.line) && (o.line as number) >= 1 && typeof o.enabled === 'boolean'
    && (o.condition === undefined || typeof o.condition === 'string') && (o.log === undefined || typeof o.log === 'string')
}

export function loadLineBreakpoints(jobPath: string, storage: Storage = localStorage): StoredLineBreakpoint[] {
  return loadPerJob(KEY, jobPath, valid, storage)
}

export function saveLineBreakpoints(jobPath: string, list: StoredLineBreakpoint[], storage: Storage = localStorage): void {
  savePerJob(KEY, jobPath, list, storage)
}
