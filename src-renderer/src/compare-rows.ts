// How Compare lays out two runs' differences so they read at a glance: grouped by key (keys in order, outputs
// without a key last), each key's rows in the order of their output times, so that the sessions a fix removed,
// added or changed stand where they happened rather than in separate lists. Pure; ComparePanel.vue renders it.
import type { OutputComparison } from '@common/debug-api'
import type { OutputView } from '@common/views'
import { readableTime, type TimeZoneChoice } from './format'
import { isTimeField, looksLikeEpochMs } from './values'

export type CompareRow =
  | { kind: 'changed'; time: number | null; previous: OutputView; current: OutputView }
  | { kind: 'moved'; time: number | null; previous: OutputView; current: OutputView }
  | { kind: 'added'; time: number | null; current: OutputView }
  | { kind: 'removed'; time: number | null; previous: OutputView }

export interface CompareGroup { keyStr: string | null; rows: CompareRow[]; summary: string }

/** The same order as the comparison's summary line. */
const KINDS = ['added', 'removed', 'changed', 'moved'] as const

export function compareGroups(c: OutputComparison): CompareGroup[] {
  const rows: CompareRow[] = [
    ...c.changed.map((x) => ({ kind: 'changed' as const, time: x.current.timestamp, previous: x.previous, current: x.current })),
    ...c.moved.map((x) => ({ kind: 'moved' as const, time: x.current.timestamp, previous: x.previous, current: x.current })),
    ...c.added.map((o) => ({ kind: 'added' as const, time: o.timestamp, current: o })),
    ...c.removed.map((o) => ({ kind: 'removed' as const, time: o.timestamp, previous: o })),
  ]
  const byKey = new Map<string | null, CompareRow[]>()
  for (const r of rows) {
    const k = ('current' in r ? r.current : r.previous).keyStr
    byKey.set(k, [...(byKey.get(k) ?? []), r])
  }
  const seqOf = (r: CompareRow): number => ('current' in r ? r.current : r.previous).seq
  const keys = [...byKey.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0))
  return keys.map((keyStr) => {
    const list = byKey.get(keyStr)!.sort((a, b) => (a.time ?? 0) - (b.time ?? 0) || seqOf(a) - seqOf(b))
    const summary = KINDS.map((k) => [k, list.filter((r) => r.kind === k).length] as const)
      .filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(' · ')
    return { keyStr, rows: list, summary }
  })
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/** The top-level fields whose values differ ("" when the values are not both records and differ). */
export function differingFields(a: unknown, b: unknown): Set<string> {
  if (!isRecord(a) || !isRecord(b)) return new Set(JSON.stringify(a) === JSON.stringify(b) ? [] : [''])
  const names = new Set([...Object.keys(a), ...Object.keys(b)])
  return new Set([...names].filter((n) => !(n in a) || !(n in b) || JSON.stringify(a[n]) !== JSON.stringify(b[n])))
}

/** Up to this many fields read as a table (one column a field); wider records keep one field a line. */
const MAX_COLUMNS = 8

/**
 * The columns of a key's rows when every output in them is a record (a session, a count): the fields in the order
 * they first appear. Then each output takes one line, and a changed one shows "was → now" in the fields that differ.
 */
export function fieldColumns(g: CompareGroup): string[] | null {
  const names = new Set<string>()
  for (const r of g.rows) {
    for (const o of ['previous' in r ? r.previous : null, 'current' in r ? r.current : null]) {
      if (o === null) continue
      if (!isRecord(o.value)) return null
      for (const n of Object.keys(o.value)) names.add(n)
    }
  }
  return names.size > 0 && names.size <= MAX_COLUMNS ? [...names] : null
}

/** A field's value in a table cell: a time field's epoch as "2024-02-25 08:00:00Z" (the ms in the tooltip), else JSON. */
export function cellText(v: unknown, field: string, zone: TimeZoneChoice): string {
  if (v === undefined) return '(absent)'
  if (isTimeField(field) && looksLikeEpochMs(v)) return readableTime(v, zone).replace('T', ' ').replace(/\.000(?=Z|[+-])/, '')
  return JSON.stringify(v)
}
