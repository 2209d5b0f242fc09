// CL2: cleanupFullSnapshot. Expired entries are left out of full snapshots (savepoints) only; live
// state is not touched. Works on backend-neutral TableDumps, so it serves every backend.
import { type TableDump, type TableMeta, tableId } from '../backend'
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
    const c = configs.get(tableId(d.meta)) ?? null
    if (c === null || !c.cleanupFullSnapshot || !d.meta.ttl) return d
    const ttl = c.ttlMillis
    const at = typeof now === 'number' ? now : now(d.meta)
    const alive = (tv: unknown): boolean => !isExpired((tv as TtlValue).t, ttl, at)
    const entries: Array<[string, unknown]> = []
    for (const [key, stored] of d.entries) {
      if (d.meta.kind === 'map') {
        const kept = (stored as Array<[string, unknown]>).filter(([, tv]) => alive(tv))
        if (kept.length > 0) entries.push([key, kept])
      } else if (d.meta.kind === 'list') {
        const kept = (stored as unknown[]).filter(alive)
        if (kept.length > 0) entries.push([key, kept])
      } else if (alive(stored)) {
        entries.push([key, stored])
      }
    }
    return { meta: d.meta, entries }
  })
}
