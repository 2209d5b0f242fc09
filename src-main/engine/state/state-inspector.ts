// Side-effect-free reads of one registered state for the debugger: raw stored values, per-key views
// with TTL stamps, entry counts and the number of expired-but-stored entries. Nothing here refreshes
// a TTL stamp, cleans up or calls the change tracker.
import type { StateEntryView, StateView, TtlConfigView, TtlStampView } from '../../common/views'
import type { StateTtlConfig } from '../api/ttl-config'
import { keyFromString } from '../runtime/key-codec'
import { isMapTable, type StateKind, type Table } from './backend'
import { deepCopy } from './copy'
import { expiresAt, isExpired, type TtlValue } from './ttl/ttl-value'

/** What the inspector needs to know about one registered state. */
export interface InspectedState {
  operatorId: string
  name: string
  kind: StateKind
  typeLabel: string
  table: Table
  ttlConfig: StateTtlConfig | null
  ttlView: TtlConfigView | null
}

/** The raw stored value (TTL values as {v, t}); for maps [userKeyString, stored][]; undefined when absent. */
export function readRawValue(s: InspectedState, keyStr: string): unknown {
  const t = s.table
  if (isMapTable(t)) {
    if (t.isEmpty(keyStr)) return undefined
    return [...t.entries(keyStr)].map(([uk, v]) => [uk, deepCopy(v)])
  }
  const v = t.get(keyStr)
  return v === undefined ? undefined : deepCopy(v)
}

/**
 * A stored form (readRawValue) as the job's values: a map's keys decoded, TTL's { v, t } stamps left out, so a state
 * change reads as the job wrote it (counts.put("click", 1) under TTL was `[["\\"click\\"",{"v":1,"t":1000}]]`).
 */
export function asJobValue(s: { kind: StateKind; ttl: boolean }, raw: unknown): unknown {
  if (raw === undefined) return undefined
  const unwrap = (x: unknown): unknown => (s.ttl ? (x as TtlValue).v : x)
  if (s.kind === 'map') return (raw as [string, unknown][]).map(([k, v]) => [keyFromString(k), unwrap(v)])
  if (s.kind === 'list' && s.ttl) return (raw as unknown[]).map(unwrap)
  return unwrap(raw)
}

/** The latest expiry among a stored form's TTL stamps (readRawValue's form); null without TTL or a value. */
export function latestExpiry(s: InspectedState, raw: unknown): number | null {
  if (s.ttlConfig === null || raw === undefined) return null
  const stamps = s.kind === 'map' ? (raw as [string, TtlValue][]).map(([, v]) => v.t)
    : s.kind === 'list' ? (raw as TtlValue[]).map((v) => v.t) : [(raw as TtlValue).t]
  return stamps.length === 0 ? null : expiresAt(Math.max(...stamps), s.ttlConfig.ttlMillis)
}

export function stateViewFor(s: InspectedState, keyStr: string, now: number): StateView {
  const ttl = s.ttlConfig === null ? null : s.ttlConfig.ttlMillis
  const entry = (entryKey: unknown, stored: unknown): StateEntryView => {
    if (ttl === null) return { entryKey, value: deepCopy(stored), ttl: null }
    const tv = stored as TtlValue
    return { entryKey, value: deepCopy(tv.v), ttl: stampView(tv.t, ttl, now) }
  }
  const entries: StateEntryView[] = []
  const t = s.table
  if (isMapTable(t)) {
    for (const [uk, v] of t.entries(keyStr)) entries.push(entry(keyFromString(uk), v))
  } else {
    const v = t.get(keyStr)
    if (v !== undefined) {
      if (s.kind === 'list') (v as unknown[]).forEach((el, i) => entries.push(entry(i, el)))
      else entries.push(entry(null, v))
    }
  }
  return { operatorId: s.operatorId, name: s.name, kind: s.kind, typeLabel: s.typeLabel, ttl: s.ttlView, entries }
}

export function stampView(lastAccess: number, ttl: number, now: number): TtlStampView {
  return { lastAccess, expiresAt: expiresAt(lastAccess, ttl), expired: isExpired(lastAccess, ttl, now) }
}

/** Stored entries of one key: list elements and map entries one by one, value-like states 0 or 1. */
export function entryCountFor(s: InspectedState, keyStr: string): number {
  const t = s.table
  if (isMapTable(t)) return t.entryCount(keyStr)
  const v = t.get(keyStr)
  if (v === undefined) return 0
  return s.kind === 'list' ? (v as unknown[]).length : 1
}

/** Entries already expired by `now` but still stored (0 without TTL). */
export function expiredCountFor(s: InspectedState, now: number): number {
  if (s.ttlConfig === null) return 0
  const ttl = s.ttlConfig.ttlMillis
  const dead = (tv: unknown): boolean => isExpired((tv as TtlValue).t, ttl, now)
  let n = 0
  const t = s.table
  if (isMapTable(t)) {
    for (const k of t.keys()) for (const [, v] of t.entries(k)) if (dead(v)) n++
  } else {
    for (const k of t.keys()) {
      const v = t.get(k)
      if (s.kind === 'list') { for (const el of v as unknown[]) if (dead(el)) n++ } else if (dead(v)) n++
    }
  }
  return n
}
