// The runtime's own keyed data kept in the state database next to the tables: timer queues
// (leveldb-timer-queue.ts) and key registries (leveldb-key-registry.ts, whose records also carry each
// key's timers). Found again on reopen, flushed in the same batches as the state, and left alone by a
// restore of the state tables (Q, B and K records are outside the c/e/k ranges that restore clears).
import type { ClassicLevel } from 'classic-level'
import type { RegistryRow } from './key-chain'
import { KeyChain } from './key-chain'
import { KEY_INFO_CODEC, LevelDbKeyRegistry, type StoredKeyInfo } from './leveldb-key-registry'
import type { TimerQueueRow } from './leveldb-timer-queue'
import { LevelDbTimerQueue } from './leveldb-timer-queue'
import type { WriteBackStore } from './write-back-store'

interface StoredQueue { index: number; row: TimerQueueRow; buckets: Array<[number, number]> }

export class RuntimeStores {
  private readonly queues = new Map<string, LevelDbTimerQueue>()
  private readonly registries = new Map<string, LevelDbKeyRegistry>()
  private nextQueue = 0
  private nextRegistry = 0

  private constructor(
    private readonly store: WriteBackStore,
    private readonly storedQueues: Map<string, StoredQueue>,
    private readonly storedRegistries: Map<string, { index: number; row: RegistryRow }>,
  ) {
    for (const q of storedQueues.values()) this.nextQueue = Math.max(this.nextQueue, q.index + 1)
    for (const r of storedRegistries.values()) this.nextRegistry = Math.max(this.nextRegistry, r.index + 1)
  }

  /** Reads the queue rows (Q<q>), every bucket's start and size (B<q>\x00<start>) and the registry rows (Kr<i>). */
  static async load(db: ClassicLevel<string, string>, store: WriteBackStore): Promise<RuntimeStores> {
    const byIndex = new Map<number, StoredQueue>()
    const queues = new Map<string, StoredQueue>()
    for await (const [key, text] of db.iterator({ gte: 'Q', lt: 'R' })) {
      const q: StoredQueue = { index: Number(key.slice(1)), row: JSON.parse(text) as TimerQueueRow, buckets: [] }
      byIndex.set(q.index, q)
      queues.set(q.row.name, q)
    }
    for await (const [key, text] of db.iterator({ gte: 'B', lt: 'C' })) {
      const sep = key.indexOf('\x00')
      byIndex.get(Number(key.slice(1, sep)))?.buckets.push([Number(key.slice(sep + 1)), (JSON.parse(text) as unknown[]).length])
    }
    const registries = new Map<string, { index: number; row: RegistryRow }>()
    for await (const [key, text] of db.iterator({ gte: 'Kr', lt: 'Ks' })) {
      const row = JSON.parse(text) as RegistryRow
      registries.set(row.meta.operatorId, { index: Number(key.slice(2)), row })
    }
    return new RuntimeStores(store, queues, registries)
  }

  /**
   * The timer queue `<operator id>/<domain>`. Its timers sit on the records of the operator's key
   * registry (one list per domain), so both come from here.
   */
  timerQueue(name: string, opts: { maxBucket?: number } = {}): LevelDbTimerQueue {
    let q = this.queues.get(name)
    if (q === undefined) {
      const stored = this.storedQueues.get(name)
      const buckets = (stored?.buckets ?? []).sort((a, b) => a[0] - b[0])
      const index = { starts: buckets.map((b) => b[0]), counts: buckets.map((b) => b[1]) }
      const cut = name.lastIndexOf('/')
      const domain = name.slice(cut + 1)
      if (cut < 0 || (domain !== 'event' && domain !== 'processing')) {
        throw new Error(`internal: a timer queue is named <operator id>/event or <operator id>/processing, got "${name}"`)
      }
      const registry = this.keyRegistry(name.slice(0, cut))
      const field = domain === 'event' ? 'te' : 'tp'
      const row = stored?.row ?? { name, seq: 0, size: 0 }
      q = new LevelDbTimerQueue(this.store, stored?.index ?? this.nextQueue++, row, index, registry, field, opts.maxBucket)
      this.queues.set(name, q)
    }
    return q
  }

  keyRegistry(name: string): LevelDbKeyRegistry {
    let r = this.registries.get(name)
    if (r === undefined) {
      const stored = this.storedRegistries.get(name) ?? {
        index: this.nextRegistry++,
        row: { meta: { operatorId: name, stateName: '(keys)', kind: 'value', ttl: false }, head: null, tail: null, next: 0, count: 0, ghosts: 0 },
      }
      const chain = new KeyChain<StoredKeyInfo>(this.store, stored.index, stored.row, KEY_INFO_CODEC, 'K')
      chain.saveRow()
      r = new LevelDbKeyRegistry(chain)
      this.registries.set(name, r)
    }
    return r
  }
}
