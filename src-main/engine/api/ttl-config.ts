// StateTtlConfig and its builder (Flink's StateTtlConfig, rules C-TTL1..C-TTL4, CL1..CL5).
import { type DurationLike, toMillis } from './time'

enum UpdateType { Disabled = 'Disabled', OnCreateAndWrite = 'OnCreateAndWrite', OnReadAndWrite = 'OnReadAndWrite' }
enum StateVisibility { NeverReturnExpired = 'NeverReturnExpired', ReturnExpiredIfNotCleanedUp = 'ReturnExpiredIfNotCleanedUp' }
/** EventTime is Riffle's addition (Flink lacks it: FLINK-12005); see docs/job-api.md "Time in a replay". */
enum TtlTimeCharacteristic { ProcessingTime = 'ProcessingTime', EventTime = 'EventTime' }

export interface IncrementalCleanup { cleanupSize: number; runCleanupForEveryRecord: boolean }

export class StateTtlConfig {
  static readonly UpdateType = UpdateType
  static readonly StateVisibility = StateVisibility
  static readonly TtlTimeCharacteristic = TtlTimeCharacteristic

  private constructor(
    readonly ttlMillis: number,
    readonly updateType: UpdateType,
    readonly stateVisibility: StateVisibility,
    readonly timeCharacteristic: TtlTimeCharacteristic,
    /** Background cleanup enabled at all (C-TTL1 default true). */
    readonly cleanupInBackground: boolean,
    /** Set when cleanupIncrementally was chosen, or by default while background cleanup is on (CL3). */
    readonly incrementalCleanup: IncrementalCleanup | null,
    readonly cleanupFullSnapshot: boolean,
  ) {}

  static newBuilder(ttl: DurationLike): StateTtlConfigBuilder {
    return new StateTtlConfigBuilder(toMillis(ttl, 'StateTtlConfig.newBuilder'))
  }

  isEnabled(): boolean { return this.updateType !== UpdateType.Disabled }

  /** @internal */
  static create(b: StateTtlConfigBuilder): StateTtlConfig {
    const incremental = b.incremental ?? (b.background ? { cleanupSize: 5, runCleanupForEveryRecord: false } : null)
    return new StateTtlConfig(b.ttl, b.updateType, b.visibility, b.characteristic, b.background,
      b.background ? incremental : null, b.fullSnapshot)
  }
}

export class StateTtlConfigBuilder {
  /** @internal */ updateType = UpdateType.OnCreateAndWrite
  /** @internal */ visibility = StateVisibility.NeverReturnExpired
  /** @internal */ characteristic = TtlTimeCharacteristic.ProcessingTime
  /** @internal */ background = true
  /** @internal */ incremental: IncrementalCleanup | null = null
  /** @internal */ fullSnapshot = false

  constructor(/** @internal */ public ttl: number) {
    // C-TTL2
    if (!(ttl > 0)) throw new RangeError(`TTL is expected to be positive, got ${ttl} ms`)
  }

  setUpdateType(t: UpdateType): this { this.updateType = checkEnum(UpdateType, t, 'setUpdateType'); return this }
  updateTtlOnCreateAndWrite(): this { return this.setUpdateType(UpdateType.OnCreateAndWrite) }
  updateTtlOnReadAndWrite(): this { return this.setUpdateType(UpdateType.OnReadAndWrite) }
  setStateVisibility(v: StateVisibility): this { this.visibility = checkEnum(StateVisibility, v, 'setStateVisibility'); return this }
  neverReturnExpired(): this { return this.setStateVisibility(StateVisibility.NeverReturnExpired) }
  returnExpiredIfNotCleanedUp(): this { return this.setStateVisibility(StateVisibility.ReturnExpiredIfNotCleanedUp) }
  setTtlTimeCharacteristic(c: TtlTimeCharacteristic): this {
    this.characteristic = checkEnum(TtlTimeCharacteristic, c, 'setTtlTimeCharacteristic'); return this
  }
  setTtl(ttl: DurationLike): this {
    const ms = toMillis(ttl, 'setTtl')
    if (!(ms > 0)) throw new RangeError(`TTL is expected to be positive, got ${ms} ms`)
    this.ttl = ms; return this
  }
  cleanupFullSnapshot(): this { this.fullSnapshot = true; return this }
  cleanupIncrementally(cleanupSize: number, runCleanupForEveryRecord: boolean): this {
    if (!Number.isInteger(cleanupSize) || cleanupSize < 0) {
      throw new RangeError(`cleanupIncrementally: cleanupSize must be a non-negative integer, got ${cleanupSize}`)
    }
    this.incremental = { cleanupSize, runCleanupForEveryRecord: !!runCleanupForEveryRecord }
    return this
  }
  /** Accepted for source compatibility; a LevelDB compaction-filter sweep is always on for LevelDB. */
  cleanupInRocksdbCompactFilter(_queryTimeAfterNumEntries?: number): this { return this }
  disableCleanupInBackground(): this { this.background = false; return this }
  build(): StateTtlConfig { return StateTtlConfig.create(this) }
}

function checkEnum<T extends string>(e: Record<string, T>, v: T, where: string): T {
  if (!Object.values(e).includes(v)) throw new TypeError(`${where}: unknown value ${String(v)}`)
  return v
}
