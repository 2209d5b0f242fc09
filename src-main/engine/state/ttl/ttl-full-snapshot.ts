// CL2: cleanupFullSnapshot. Expired entries are left out of full snapshots (savepoints) only; live
// state is not touched. Works on backend-neutral TableDumps, so it serves every backend.
import { type TableDump, type TableMeta, type TableStreamSource, tableId } from '../backend'
import type { StateTtlConfig } from '../../api/ttl-config'
import { isExpired, type TtlValue } from './ttl-value'

/**
 * The dumps with expired entries dropped from every table whose TTL config (looked up by
 * tableId(meta)) has cleanupFullSnapshot. List elements and map entries are judged one by one
 * (C-TTL3); a key left with nothing is dropped. Other tables are passed through unchanged.
 * `now` is one instant, or a function giving each table's TTL clock reading (event-time TTL tables
 * judge expiry by the watermark, processing-time ones by processing time).
 */
export function dropExpiredForFullSnapshot(
  dumps: readonly TableDump[],
  configs: ReadonlyMap<string, StateTtlConfig | null>,
  now: number | ((meta: TableMeta) => number),
): TableDump[] {
  return dumps.map((d) => {
    const keep = entryFilter(d.meta, configs, now)
    if (keep === null) return d
    const entries: Array<[string, unknown]> = []
    for (const e of d.entries) {
      const kept = keep(e)
      if (kept !== null) entries.push(kept)
    }
    return { meta: d.meta, entries }
  })
}

/** dropExpiredForFullSnapshot over streamed tables (a savepoint of state larger than memory), entry by entry. */
export async function* dropExpiredFromStream(
  tables: Iterable<TableStreamSource> | AsyncIterable<TableStreamSource>,
  configs: ReadonlyMap<string, StateTtlConfig | null>,
  now: number | ((meta: TableMeta) => number),
): AsyncGenerator<TableStreamSource> {
  for await (const t of tables) {
    const keep = entryFilter(t.meta, configs, now)
    if (keep === null) { yield t; continue }
    yield {
      meta: t.meta,
      entries: (async function* () {
        for await (const e of t.entries) {
          const kept = keep(e)
          if (kept !== null) yield kept
        }
      })(),
    }
  }
}

/** The entry a full snapshot keeps of one stored entry (null: all expired), or null for a table left whole. */
function entryFilter(
  meta: TableMeta,
  configs: ReadonlyMap<string, StateTtlConfig | null>,
  now: number | ((meta: TableMeta) => number),
): ((e: [string, unknown]) => [string, unknown] | null) | null {
  const c = configs.get(tableId(meta)) ?? null
  if (c === null || !c.cleanupFullSnapshot || !meta.ttl) return null
  const ttl = c.ttlMillis
  const at = typeof now === 'number' ? now : now(meta)
  const alive = (tv: unknown): boolean => !isExpired((tv as TtlValue).t, ttl, at)
  return ([key, stored]) => {
    if (meta.kind === 'map') {
      const kept = (stored as Array<[string, unknown]>).filter(([, tv]) => alive(tv))
      return kept.length > 0 ? [key, kept] : null
    }
    if (meta.kind === 'list') {
      const kept = (stored as unknown[]).filter(alive)
      return kept.length > 0 ? [key, kept] : null
    }
    return alive(stored) ? [key, stored] : null
  }
}
