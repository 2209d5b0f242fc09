// Plain-JSON views the debugger session answers with. Shared by the engine's debug API, the service,
// the IPC/WebSocket contract and the renderer, so only this data crosses process boundaries.

export type BackendName = 'heap' | 'leveldb'
export type ProcessingTimeMode = 'follow' | 'manual'
export type TimeDomainName = 'EVENT_TIME' | 'PROCESSING_TIME'

/** Where an input item came from in the recording. */
export interface InputOrigin {
  /** 1-based line number in the recording file (CSV: counting the header as line 1). */
  line: number
  /** kcat -J envelope fields, when the recording has them. */
  partition?: number | null
  offset?: number | null
  kafkaKey?: string | null
}

export interface InputView extends InputOrigin {
  /** The event as read (after format parsing, before any map). */
  value: unknown
  /** A Python job's: the recording line's text, which the job decodes (`12.0` a float; common/input-text.ts). */
  text?: string
  /** The timestamp the source gave it (kcat ts), or null. */
  sourceTimestamp: number | null
}

/** What one step did. A step is one input record, one control line, or one timer firing. */
export type StepKind = 'record' | 'timer' | 'watermark' | 'processingTime' | 'end'

export interface TimerView {
  operatorId: string
  key: unknown
  keyStr: string
  domain: TimeDomainName
  timestamp: number
  /** timestamp minus the operator's current watermark (EVENT_TIME) or processing time (PROCESSING_TIME). */
  aheadBy: number
}

export interface OutputView {
  /** Emission order across the whole run, 0-based. */
  seq: number
  /** The step that produced it. */
  step: number
  operatorId: string
  operatorName: string
  /** null for the main output; the side output's tag id otherwise. */
  tag: string | null
  value: unknown
  timestamp: number | null
  /** The key the producing keyed operator was processing, when it is keyed. */
  key: unknown
  keyStr: string | null
  /** True when this record belongs to the job's result (the returned stream and its operator's side outputs). */
  isJobOutput: boolean
}

export interface StateChangeView {
  operatorId: string
  stateName: string
  keyStr: string
  key: unknown
  /** The value before and after the step as the job holds it (a map's keys decoded, TTL stamps left out), undefined = absent. */
  before: unknown
  after: unknown
  /** A Python job's state whose declared type holds bytes: before and after as Python writes them (StateEntryView.text). */
  beforeText?: string
  afterText?: string
  /**
   * Set when only TTL stamps changed (a read or write under OnReadAndWrite/OnCreateAndWrite refreshed them): the
   * value is as before, and this is the new expiry (the latest of the entries' stamps, epoch ms).
   */
  ttlRefreshed?: { expiresAt: number }
  /**
   * Set when the step removed an entry that had expired (TTL cleanup: Flink's incremental cleanup moving over other
   * keys, or an access that found it expired), not a write of the job: when it expired (epoch ms, by its state's clock).
   */
  ttlExpired?: { expiresAt: number }
}

export interface StepView {
  /** 1-based index of this step in the run. */
  step: number
  kind: StepKind
  /** The input record or control line (record / watermark / processingTime steps). */
  input?: InputView
  /** The timer that fired (timer steps). */
  timer?: TimerView
  /** Outputs emitted during the step. */
  outputs: OutputView[]
  /** State entries the step changed. */
  changes: StateChangeView[]
  /** Keys whose state or timers the step touched. */
  touchedKeys: string[]
  watermark: number
  processingTime: number
}

export interface RunStatusView {
  step: number
  recordsIn: number
  recordsOut: number
  /** Total records in the recording when known (indexed), else null. */
  totalRecords: number | null
  /** The watermark the last keyed operator has seen. */
  watermark: number
  processingTime: number
  keys: number
  pendingTimers: number
  finished: boolean
  badLines: BadLineView[]
  /** Stored state entries over all tables (one per key and state), for the charts. */
  stateEntries?: number
  /** TTL entries expired but not yet cleaned up (heap: now; LevelDB: as of the last sweep); absent without TTL. */
  expiredNotRemoved?: number
  /**
   * LevelDB only: the step at which the background sweep last finished a pass, which is when expiredNotRemoved
   * was counted; null while no pass has finished (the count means nothing yet). Absent on the heap (counted now).
   */
  expiredCountedAtStep?: number | null
  /**
   * Only in the progress pushed while the session is put back after a watchdog stop (the job re-run to the step
   * before the stopped one): that step. `step` is then how far the re-run got, not where the session stands.
   */
  restoringTo?: number
}

/** One sample of the run for the charts, taken at a step (the run's order, whatever order steps were visited in). */
export interface RunSample {
  step: number
  recordsIn: number
  recordsOut: number
  keys: number
  pendingTimers: number
  stateEntries: number
  /** The watermark, or null before the first one (Long.MIN) and after end of input (Long.MAX). */
  watermark: number | null
  /** The newest event timestamp the keyed operators have seen so far, or null before the first. */
  newestEvent: number | null
  /**
   * newestEvent − watermark in ms: how far the watermark trails the newest event. Negative when the
   * watermark is ahead of every event seen (a $watermark line in the recording can set it so). Null while
   * either is unknown (before the first watermark: the charts label that span "no watermark yet").
   */
  watermarkLag: number | null
  /** Records per second of wall time since the sample before, on the pass that first reached this step; null if unknown. */
  throughput: number | null
}

/** The run's samples in step order: every step while the run is short, every `stride`-th once it is long. */
export interface RunSeriesView { stride: number; samples: RunSample[] }

export interface BadLineView { file: string; line: number; reason: string; text: string }

export interface KeyInfoView {
  operatorId: string
  key: unknown
  keyStr: string
  /** Flink key group (K1, max parallelism 128). */
  keyGroup: number
  firstStep: number
  lastTouchedStep: number
  /** Records processed for this key. */
  records: number
  /** Stored entries across the key's states (list elements and map entries counted one by one). */
  stateEntries: number
  timers: number
}

export interface KeyPageQuery {
  operatorId?: string
  search?: string
  sort?: 'lastTouched' | 'key' | 'records' | 'stateEntries' | 'timers'
  descending?: boolean
  offset: number
  limit: number
}

export interface KeyPage { total: number; offset: number; items: KeyInfoView[] }

export interface TtlStampView {
  lastAccess: number
  expiresAt: number
  /** Expired by the TTL clock but still stored (not yet cleaned up). */
  expired: boolean
}

export interface TtlConfigView {
  ttlMillis: number
  updateType: string
  stateVisibility: string
  timeCharacteristic: string
  cleanup: string
}

export interface StateEntryView {
  /** Map entries: the user key; list elements: the index; value-like states: null. */
  entryKey: unknown
  value: unknown
  ttl: TtlStampView | null
  /**
   * A Python job's value whose declared type holds bytes, as Python writes it (b'view'), to show instead of the JSON
   * the engine keeps (the byte values); keyText: a map key of such a type. Absent for any other value.
   */
  text?: string
  keyText?: string
}

export interface StateView {
  operatorId: string
  name: string
  kind: 'value' | 'list' | 'map' | 'reducing' | 'aggregating'
  typeLabel: string
  ttl: TtlConfigView | null
  /** Value-like states: zero or one entry; lists: one per element; maps: one per entry. */
  entries: StateEntryView[]
  /** A Python job's state: its content as an expression naming the state reads it, in Python's repr ({'a': None}). */
  pythonText?: string
}

export interface KeyStateView {
  operatorId: string
  key: unknown
  keyStr: string
  keyGroup: number
  states: StateView[]
  timers: TimerView[]
  /**
   * The run has not reached the key at this step (a seek back before its first record, a key pinned or typed in):
   * it does not exist here, as a variable out of scope. Absent for a key the run has seen.
   */
  notReached?: true
}

export interface OperatorView {
  id: string
  name: string
  kind: 'source' | 'map' | 'filter' | 'flatMap' | 'assignTimestamps' | 'keyBy' | 'process' | 'sideOutput'
  keyed: boolean
  watermark: number
  parents: string[]
}
