// The expiry test the LevelDB TTL sweep (ttl-sweep.ts) needs, built from each table's TTL and the TTL
// clock: what RocksDB's compaction filter gets from Flink's TtlCompactFilterFactory (CL4).
import type { TableMeta } from '../backend'
import { tableId } from '../backend'
import { isExpired, type TtlValue } from '../ttl/ttl-value'
import type { TtlPredicate } from './ttl-sweep'

function isTtlValue(x: unknown): x is TtlValue {
  return x !== null && typeof x === 'object' && typeof (x as TtlValue).t === 'number'
}

/**
 * A predicate for sweepOnce/countExpired. ttlMillisByTable maps tableId(meta) to the
 * state's TTL (e.g. from OperatorState.ttlConfigsByTable()); now(meta) is that table's TTL clock
 * (TtlTimeProvider.now: processing time, or the watermark for event-time TTL). A value, reducing or aggregating record
 * and a map entry are expired when their stamp is; a list record only when every element is (a
 * partly expired list is left to cleanup on access, TL1), as is anything without a TTL stamp.
 */
export function ttlPredicate(ttlMillisByTable: ReadonlyMap<string, number>, now: (meta: TableMeta) => number): TtlPredicate {
  return (meta: TableMeta, stored: unknown): boolean => {
    const ttl = ttlMillisByTable.get(tableId(meta))
    if (ttl === undefined) return false
    const t = now(meta)
    if (meta.kind === 'list') {
      return Array.isArray(stored) && stored.length > 0 && stored.every((e) => isTtlValue(e) && isExpired(e.t, ttl, t))
    }
    return isTtlValue(stored) && isExpired(stored.t, ttl, t)
  }
}
