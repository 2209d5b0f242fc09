// Background TTL cleanup for backends that offer a sweep (LevelDB, like RocksDB's compaction filter,
// CL4): between steps, at the points where the run flushes, expired entries are removed from storage
// so expired state does not grow the database forever. Only where removal cannot change what the job
// sees (CL5): NeverReturnExpired states with background cleanup on, and not map state (an entry put
// again after a sweep would move to the end of the map's order).
import { StateTtlConfig } from '../api/ttl-config'
import type { StateBackend, TableMeta } from '../state/backend'
import { tableId } from '../state/backend'
import { isExpired, type TtlValue } from '../state/ttl/ttl-value'
import type { KeyedProcessNode } from './keyed-process-node'
import type { RunContext } from './run-context'

type Predicate = (meta: TableMeta, stored: unknown) => boolean

/** The part of a backend this needs (LevelDbStateBackend has it; the heap does not). */
interface Sweepable {
  sweepOnce(isExpired: Predicate, opts?: { maxEntries?: number }): Promise<{ removed: number; passCompleted: boolean }>
}

function sweepable(b: StateBackend): b is StateBackend & Sweepable {
  return typeof (b as Partial<Sweepable>).sweepOnce === 'function'
}

const isTtlValue = (x: unknown): x is TtlValue => x !== null && typeof x === 'object' && typeof (x as TtlValue).t === 'number'

export class BackgroundTtlSweep {
  private predicate: Predicate | null = null
  removed = 0
  /**
   * The step at which a pass over every TTL table last finished: the backend's expired-not-removed count is
   * as of then (the status line says so). Null until the first pass finishes, and always on the heap.
   */
  countedAtStep: number | null = null

  constructor(private readonly backend: StateBackend, private readonly ops: KeyedProcessNode[], private readonly rc: RunContext) {}

  /** True when the backend can sweep and some state qualifies (built lazily: states register in open()). */
  active(): boolean {
    if (!sweepable(this.backend)) return false
    if (this.predicate === null) this.predicate = this.build()
    return this.predicate !== NONE
  }

  /** One chunk of the sweep (call between steps, after a flush). */
  async run(maxEntries = 1000): Promise<void> {
    if (!this.active()) return
    const r = await (this.backend as StateBackend & Sweepable).sweepOnce(this.predicate as Predicate, { maxEntries })
    this.removed += r.removed
    if (r.passCompleted) this.countedAtStep = this.rc.step
  }

  private build(): Predicate {
    const rules = new Map<string, { ttl: number; now: () => number }>()
    for (const op of this.ops) {
      for (const [id, cfg] of op.state.ttlConfigsByTable()) {
        if (cfg === null || !cfg.cleanupInBackground) continue
        if (cfg.stateVisibility !== StateTtlConfig.StateVisibility.NeverReturnExpired) continue
        const eventTime = cfg.timeCharacteristic === StateTtlConfig.TtlTimeCharacteristic.EventTime
        rules.set(id, { ttl: cfg.ttlMillis, now: eventTime ? () => op.inputWatermark : () => this.rc.processingTime })
      }
    }
    if (rules.size === 0) return NONE
    return (meta, stored) => {
      if (meta.kind === 'map') return false
      const rule = rules.get(tableId(meta))
      if (rule === undefined) return false
      const now = rule.now()
      // A list goes only when every element has expired (TL1 leaves partly expired lists to reads).
      if (meta.kind === 'list') return Array.isArray(stored) && stored.length > 0 && stored.every((e) => isTtlValue(e) && isExpired(e.t, rule.ttl, now))
      return isTtlValue(stored) && isExpired(stored.t, rule.ttl, now)
    }
  }
}

const NONE: Predicate = () => false
