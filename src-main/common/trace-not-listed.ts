// The calls a step's trace left out (past its first TRACE_LISTED), in one line as `riffle trace` and the app's
// Trace view both say it: how many, of which kinds.
import type { NotListed, TraceEntryKind } from './trace-api'

const KIND_NAMES: Record<TraceEntryKind, [string, string]> = {
  stateRead: ['state read', 'state reads'], stateWrite: ['state write', 'state writes'],
  timerRegister: ['timer registration', 'timer registrations'], timerDelete: ['timer delete', 'timer deletes'],
  timeRead: ['time read', 'time reads'], clockRead: ['clock read', 'clock reads'],
  output: ['output', 'outputs'], console: ['printed line', 'printed lines'],
}

const count = (v: number, [one, many]: [string, string]): string => `${v.toLocaleString('en-US')} ${v === 1 ? one : many}`

/** Null when no call was left out (only outputs of operators the trace does not list calls for). */
export function notListedText(o: NotListed | undefined): string | null {
  if (o === undefined || o.entries === 0) return null
  const kinds = Object.entries(o.byKind).filter(([, c]) => c > 0).map(([k, c]) => count(c, KIND_NAMES[k as TraceEntryKind]))
  return `… and ${count(o.entries, ['more call', 'more calls'])}, not listed: ${kinds.join(', ')}`
}
