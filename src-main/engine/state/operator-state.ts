// The keyed state of one operator (Flink's per-operator keyed state backend view): the RuntimeContext
// handed to open(), a registry of its states by name, per-record TTL cleanup, and side-effect-free
// inspection for the debugger. One handle per state name; every handle addresses the current key
// through the shared KeyContext (K6).
import { creationOf } from '../api/creation-sites'
import type { TtlConfigView, StateView } from '../../common/views'
import type {
  AggregateFunction, AggregatingStateDescriptor, ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor, StateDescriptor,
  ValueStateDescriptor,
} from '../api/descriptors'
import type { RuntimeContext } from '../api/functions'
import type { AggregatingState, ListState, MapState, ReducingState, State, ValueState } from '../api/state'
import type { StateTtlConfig } from '../api/ttl-config'
import type { TypeInfo } from '../api/types'
import { type StateBackend, type StateKind, type TableDump, type TableMeta, type TableStreamSource, type ValueTable, tableId } from './backend'
import { InternalMapState, InternalValueState } from './kinds/internal-state'
import type { ObserverHub } from '../observe/observer-hub'
import { observeState } from '../observe/observed-state'
import type { KeyContext, TtlTimeProvider } from './state-context'
import {
  asJobValue, entryCountFor, expiredCountFor, type InspectedState, latestExpiry, readRawValue, stateViewFor,
} from './state-inspector'
import { ttlConfigView } from './ttl/ttl-config-view'
import { dropExpiredForFullSnapshot, dropExpiredFromStream } from './ttl/ttl-full-snapshot'
import type { CleanupPosition, TtlIncrementalCleanup } from './ttl/ttl-incremental-cleanup'
import { createState } from './ttl/ttl-state-factory'

export { dropExpiredForFullSnapshot } from './ttl/ttl-full-snapshot'

export interface OperatorStateOptions {
  operatorId: string
  backend: StateBackend
  keyContext: KeyContext
  /** The TTL clock of states with TtlTimeCharacteristic.ProcessingTime (Flink's only one). */
  ttlTime: TtlTimeProvider
  /**
   * The TTL clock of states with Riffle's TtlTimeCharacteristic.EventTime (docs/job-api.md: stamp = the record's
   * or timer's timestamp, now = the watermark). Defaults to ttlTime.
   */
  eventTtlTime?: TtlTimeProvider | null
  /** The run's observer hub: told before every write, and the job's handles are decorated to report their calls. */
  observer?: ObserverHub | null
  /** The operator's name and its subtask (`--parallelism N`), for a Python job's RuntimeContext.get_task_name etc. */
  taskName?: string
  subtask?: { readonly index: number; readonly of: number } | null
  /** Told once when more than `limit` keys hold a state without TTL (findings: state that grows forever). */
  keysPast?: { limit: number; tell: (stateName: string, createdAt: Error | undefined) => void } | null
}

interface Registered extends InspectedState {
  handle: State
  cleanup: TtlIncrementalCleanup | null
  /** The TTL clock this state uses (by its time characteristic); ttlTime when it has no TTL. */
  clock: TtlTimeProvider
  /** Where the job created the descriptor (api/creation-sites.ts), for findings that name its line. */
  createdAt: Error | undefined
  /** The internal state under the handle (whether any entry was ever removed). */
  internal: { removedAny: boolean }
  /** The types the descriptor declares (declaredTypes). */
  declared: DeclaredTypes
  /** An aggregating state's function: its getResult makes get()'s value of the stored accumulator. */
  aggregate: AggregateFunction<unknown, unknown, unknown> | null
}

/** A state handle the job was given, as the debugger's `this` reads it (debugger/expression-self.ts). */
export interface HandleOf { name: string; kind: StateKind; aggregate: AggregateFunction<unknown, unknown, unknown> | null }

/** A state's declared types: a value's (a list's element's, a map's value's) and a map's key's. */
export interface DeclaredTypes { key?: TypeInfo; value?: TypeInfo }

/**
 * Read off the descriptor's fields by its kind (duck-typed, as register() reads it); an aggregating state's is its
 * accumulator's, what it stores (its get() is getResult's, of no declared type: python-typed-text.ts callTypes).
 */
function declaredTypes(d: StateDescriptor): DeclaredTypes {
  const f = d as Partial<{ type: TypeInfo; elementType: TypeInfo; keyType: TypeInfo; valueType: TypeInfo; accumulatorType: TypeInfo }>
  switch (d.kind) {
    case 'value': case 'reducing': return { value: f.type }
    case 'aggregating': return { value: f.accumulatorType }
    case 'list': return { value: f.elementType }
    case 'map': return { key: f.keyType, value: f.valueType }
    default: return {}
  }
}

const KIND_METHOD: Record<StateKind, string> = {
  value: 'getState', list: 'getListState', map: 'getMapState', reducing: 'getReducingState', aggregating: 'getAggregatingState',
}

export class OperatorState implements RuntimeContext {
  readonly operatorId: string
  /** The operator's name, and which subtask of how many runs it (0 of 1 unless `riffle run --parallelism N`). */
  readonly taskName: string
  readonly subtask: { readonly index: number; readonly of: number }
  private readonly backend: StateBackend
  private readonly keyContext: KeyContext
  private readonly ttlTime: TtlTimeProvider
  private readonly eventTtlTime: TtlTimeProvider
  private readonly observer: ObserverHub | null
  private readonly keysPast: OperatorStateOptions['keysPast']
  private readonly byName = new Map<string, Registered>()
  /** CL3 cleanups with runCleanupForEveryRecord, run by onRecord(). */
  private readonly perRecord: TtlIncrementalCleanup[] = []

  constructor(opts: OperatorStateOptions) {
    this.operatorId = opts.operatorId
    this.taskName = opts.taskName ?? opts.operatorId
    this.subtask = opts.subtask ?? { index: 0, of: 1 }
    this.backend = opts.backend
    this.keyContext = opts.keyContext
    this.ttlTime = opts.ttlTime
    this.eventTtlTime = opts.eventTtlTime ?? opts.ttlTime
    this.observer = opts.observer ?? null
    this.keysPast = opts.keysPast ?? null
  }

  getState<T>(descriptor: ValueStateDescriptor<T>): ValueState<T> {
    return this.register(descriptor, 'value') as ValueState<T>
  }

  getListState<T>(descriptor: ListStateDescriptor<T>): ListState<T> {
    return this.register(descriptor, 'list') as ListState<T>
  }

  getMapState<K, V>(descriptor: MapStateDescriptor<K, V>): MapState<K, V> {
    return this.register(descriptor, 'map') as MapState<K, V>
  }

  getReducingState<T>(descriptor: ReducingStateDescriptor<T>): ReducingState<T> {
    return this.register(descriptor, 'reducing') as ReducingState<T>
  }

  getAggregatingState<IN, ACC, OUT>(descriptor: AggregatingStateDescriptor<IN, ACC, OUT>): AggregatingState<IN, OUT> {
    return this.register(descriptor, 'aggregating') as AggregatingState<IN, OUT>
  }

  /** Per-record incremental cleanup (CL3 runCleanupForEveryRecord). Call once per record. */
  onRecord(): void {
    const a = this.perRecord
    for (let i = 0; i < a.length; i++) a[i].stateAccessed()
  }

  /** Restart every incremental-cleanup cursor (call after the backend's content was restored). */
  resetCleanupCursors(): void {
    for (const r of this.byName.values()) r.cleanup?.reset()
  }

  /** Where each incremental-cleanup cursor stands, by state name (for run snapshots). */
  cleanupPositions(): Record<string, CleanupPosition> {
    const out: Record<string, CleanupPosition> = {}
    for (const [name, r] of this.byName) if (r.cleanup !== null) out[name] = r.cleanup.position()
    return out
  }

  /** Puts every cursor back where a snapshot found it (restarted when the snapshot has none for it). */
  restoreCleanupPositions(positions: Record<string, CleanupPosition> | undefined): void {
    for (const [name, r] of this.byName) r.cleanup?.restorePosition(positions?.[name])
  }

  /** The raw stored value, side-effect free (see state-inspector.ts readRawValue). */
  readRaw(stateName: string, keyStr: string): unknown {
    const r = this.byName.get(stateName)
    if (r === undefined) throw new Error(`operator ${this.operatorId} has no state named "${stateName}" (known: ${[...this.byName.keys()].join(', ') || 'none'})`)
    return readRawValue(r, keyStr)
  }

  /** A stored form readRaw gave as the job's values (a map's keys decoded, TTL stamps left out), for the debugger's views. */
  asJobValue(stateName: string, raw: unknown): unknown {
    const r = this.byName.get(stateName)
    return r === undefined ? raw : asJobValue(r.table.meta, raw)
  }

  /** The latest expiry among a stored form's TTL stamps (readRaw's form); null for a state without TTL. */
  latestExpiry(stateName: string, raw: unknown): number | null {
    const r = this.byName.get(stateName)
    return r === undefined ? null : latestExpiry(r, raw)
  }

  /** Now by the TTL clock state `stateName` uses (its time characteristic's). */
  ttlClockNow(stateName: string): number {
    return (this.byName.get(stateName)?.clock ?? this.ttlTime).now()
  }

  /** The types state `stateName` declares (a Python job's trace writes its values as the job reads them). */
  declaredTypes(stateName: string): DeclaredTypes | undefined {
    return this.byName.get(stateName)?.declared
  }

  /** What the key holds in the state as the job reads it, side-effect free (readRaw then asJobValue). */
  readJobValue(stateName: string, keyStr: string): unknown {
    return this.asJobValue(stateName, this.readRaw(stateName, keyStr))
  }

  /** One view per registered state, in registration order; TTL stamps judged by the state's clock now(). No side effects. */
  inspectKey(keyStr: string): StateView[] {
    return [...this.byName.values()].map((r) => stateViewFor(r, keyStr, r.clock.now()))
  }

  /** Stored entries of a key across its states (list elements and map entries counted one by one). */
  entryCount(keyStr: string): number {
    let n = 0
    for (const r of this.byName.values()) n += entryCountFor(r, keyStr)
    return n
  }

  /** Every key that has state in any of this operator's states. */
  keys(): Iterable<string> {
    const all = new Set<string>()
    for (const r of this.byName.values()) for (const k of r.table.keys()) all.add(k)
    return all
  }

  /** Stored entries already expired by their state's clock now() but not yet cleaned up. */
  expiredNotCleaned(): number {
    let n = 0
    for (const r of this.byName.values()) n += expiredCountFor(r, r.clock.now())
    return n
  }

  /** Each state's table and where the job created its descriptor (findings: state that grows forever). */
  tablesWithOrigin(): Array<{ table: InspectedState['table']; createdAt: Error | undefined; removedAny: boolean }> {
    return [...this.byName.values()].map((r) => ({ table: r.table, createdAt: r.createdAt, removedAny: r.internal.removedAny }))
  }

  /**
   * Which state `h` is the job's handle of (the very object getState & co. gave it), or undefined for any other
   * value: the debugger's `this` finds which field holds which state by this, not by the field's name.
   */
  handleOf(h: unknown): HandleOf | undefined {
    if (h === null || typeof h !== 'object') return undefined
    for (const r of this.byName.values()) if (r.handle === h) return { name: r.name, kind: r.kind, aggregate: r.aggregate }
    return undefined
  }

  /** Every state handle the job was given (time travel keeps a field holding one as it is: runtime/job-fields.ts). */
  handles(): object[] { return [...this.byName.values()].map((r) => r.handle as object) }

  /** State `name`'s aggregate function when it is an aggregating state, else null (the debugger's by-name read). */
  aggregateOf(name: string): AggregateFunction<unknown, unknown, unknown> | null {
    return this.byName.get(name)?.aggregate ?? null
  }

  descriptors(): ReadonlyArray<{ name: string; kind: StateKind; typeLabel: string; ttl: TtlConfigView | null }> {
    return [...this.byName.values()].map((r) => ({ name: r.name, kind: r.kind, typeLabel: r.typeLabel, ttl: r.ttlView }))
  }

  /** TTL configs of this operator's tables by tableId, for dropExpiredForFullSnapshot. */
  ttlConfigsByTable(): Map<string, StateTtlConfig | null> {
    const out = new Map<string, StateTtlConfig | null>()
    for (const r of this.byName.values()) out.set(tableId(r.table.meta), r.ttlConfig)
    return out
  }

  /** CL2 for this operator's tables: the dumps with expired entries dropped where cleanupFullSnapshot is set. */
  filterForFullSnapshot(dumps: TableDump[]): TableDump[] {
    return dropExpiredForFullSnapshot(dumps, this.ttlConfigsByTable(), this.ttlNow())
  }

  /** filterForFullSnapshot over streamed tables, entry by entry. */
  filterStreamForFullSnapshot(tables: Iterable<TableStreamSource> | AsyncIterable<TableStreamSource>): AsyncGenerator<TableStreamSource> {
    return dropExpiredFromStream(tables, this.ttlConfigsByTable(), this.ttlNow())
  }

  /** Each table's TTL clock reading (event-time TTL tables: the watermark; others: processing time). */
  private ttlNow(): (meta: TableMeta) => number {
    const clocks = new Map<string, TtlTimeProvider>()
    for (const r of this.byName.values()) clocks.set(tableId(r.table.meta), r.clock)
    return (meta) => (clocks.get(tableId(meta)) ?? this.ttlTime).now()
  }

  private register(descriptor: StateDescriptor, kind: StateKind): State {
    const method = KIND_METHOD[kind]
    // Duck-typed on purpose: the job's bundle may hold its own copy of the descriptor classes.
    const d = descriptor as Partial<StateDescriptor> | null
    if (d === null || typeof d !== 'object' || typeof d.name !== 'string' || typeof d.kind !== 'string') {
      throw new TypeError(`${method}: expected a state descriptor (new ${descriptorClass(kind)}(name, ...)), got ${d === null ? 'null' : typeof d}`)
    }
    if (d.kind !== kind) {
      throw new TypeError(`${method}("${d.name}"): expected a ${descriptorClass(kind)}, got a ${descriptorClass(d.kind as StateKind)}`)
    }
    const ttlConfig = descriptor.ttlConfig ?? null
    const existing = this.byName.get(descriptor.name)
    if (existing !== undefined) {
      // Same name again → the same handle; another kind or TTL-ness is a programming error.
      if (existing.kind !== kind || (existing.ttlConfig !== null) !== (ttlConfig !== null)) {
        throw new Error(`state "${descriptor.name}" of operator ${this.operatorId} is already registered as ` +
          `${describe(existing.kind, existing.ttlConfig !== null)}; it cannot be registered again as ${describe(kind, ttlConfig !== null)}`)
      }
      return existing.handle
    }
    const meta: TableMeta = { operatorId: this.operatorId, stateName: descriptor.name, kind, ttl: ttlConfig !== null }
    const original = kind === 'map'
      ? new InternalMapState(this.backend.mapTable(meta), this.keyContext, this.observer)
      : new InternalValueState(valueTableWithCells(this.backend.valueTable(meta), this.keyContext), this.keyContext, this.observer)
    const clock = ttlConfig !== null && String(ttlConfig.timeCharacteristic) === 'EventTime' ? this.eventTtlTime : this.ttlTime
    const created = createState(descriptor, original, clock)
    const handle = this.observer === null ? created.handle : observeState(created.handle, meta, this.keyContext, this.observer)
    const reg: Registered = {
      operatorId: this.operatorId,
      name: descriptor.name,
      kind,
      typeLabel: typeof descriptor.typeLabel === 'function' ? descriptor.typeLabel() : 'JSON',
      table: original.table,
      ttlConfig,
      ttlView: ttlConfig === null ? null : ttlConfigView(ttlConfig),
      handle,
      cleanup: created.cleanup,
      clock,
      createdAt: creationOf(descriptor),
      internal: original,
      declared: declaredTypes(descriptor),
      aggregate: kind === 'aggregating' ? (descriptor as AggregatingStateDescriptor).aggregateFunction : null,
    }
    this.byName.set(descriptor.name, reg)
    const past = this.keysPast
    if (past !== null && past !== undefined && ttlConfig === null) original.watchKeys(past.limit, () => past.tell(reg.name, reg.createdAt))
    if (created.cleanup !== null && ttlConfig?.incrementalCleanup?.runCleanupForEveryRecord === true) this.perRecord.push(created.cleanup)
    return handle
  }
}

function descriptorClass(kind: StateKind): string {
  switch (kind) {
    case 'value': return 'ValueStateDescriptor'
    case 'list': return 'ListStateDescriptor'
    case 'map': return 'MapStateDescriptor'
    case 'reducing': return 'ReducingStateDescriptor'
    case 'aggregating': return 'AggregatingStateDescriptor'
    default: return `descriptor of kind "${String(kind)}"`
  }
}

function describe(kind: StateKind, ttl: boolean): string {
  return `${kind} state${ttl ? ' with TTL' : ' without TTL'}`
}

/** A table that can keep the current key's value in the key's registry entry too (heap-backend.ts): one lookup per record. */
function valueTableWithCells(t: ValueTable, keyContext: KeyContext): ValueTable {
  t.useKeyCells?.(keyContext)
  return t
}
