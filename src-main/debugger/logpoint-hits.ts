// What a logpoint keeps of a step (breakpoints.ts): each hit's value as text, and not the runs whose frame lacked a
// name another run of the same line and key could read (a lambda's parameter on its line).
import type { LogpointHit } from '../common/debug-api'

/** A condition's error for a name not in scope (TypeScript's ReferenceError, Python's NameError). */
export const NOT_DEFINED = /\bis not defined\b/

/**
 * A logpoint's hits of a step without those whose message named what their run's frame lacks, where a run of the
 * same key read it: a line with a lambda on it runs in the method's frame and in the lambda's, and only the lambda's
 * has its parameter (as the condition's such error is said only when no run could read it, match()).
 */
export function readable(hits: LogpointHit[]): LogpointHit[] {
  const unnamed = (h: LogpointHit): boolean => h.error !== undefined && NOT_DEFINED.test(h.error)
  const read = new Set(hits.filter((h) => h.kind === 'line' && !unnamed(h)).map((h) => h.keyStr))
  return hits.filter((h) => !(h.kind === 'line' && unnamed(h) && read.has(h.keyStr)))
}

/** A logpoint value as its text: a string as it is, anything else as JSON (or String() where JSON has none). */
export function show(v: unknown): string {
  if (typeof v === 'string') return v
  try {
    const s = JSON.stringify(v)
    return s === undefined ? String(v) : s
  } catch {
    return String(v)
  }
}
