// What every TTL decorator shares (Flink's AbstractTtlDecorator / AbstractTtlState): the TTL settings,
// the clock, stamping (U2), the expiry check (U1) and the read path with visibility and refresh
// (U3, VIS1, VIS2). Decorators store TtlValue {v, t} through the internal state, never user values.
import { StateTtlConfig } from '../../api/ttl-config'
import type { TtlTimeProvider } from '../state-context'
import { isExpired, type TtlValue } from './ttl-value'

const noop = (): void => {}

export abstract class AbstractTtlState {
  readonly ttl: number
  /** U3: OnReadAndWrite refreshes the stamp of a value that is read while unexpired. */
  readonly updateOnRead: boolean
  /** VIS2: ReturnExpiredIfNotCleanedUp hands out an expired value once (and deletes it). */
  readonly returnExpired: boolean
  /** Runs at every state access: the incremental cleanup (CL3) when configured, else nothing. */
  accessCallback: () => void = noop

  constructor(readonly config: StateTtlConfig, readonly time: TtlTimeProvider) {
    this.ttl = config.ttlMillis
    this.updateOnRead = config.updateType === StateTtlConfig.UpdateType.OnReadAndWrite
    this.returnExpired = config.stateVisibility === StateTtlConfig.StateVisibility.ReturnExpiredIfNotCleanedUp
  }

  /** U2: every write stores the TTL clock's stamp. */
  wrap<V>(v: V, t: number = this.time.stampTime()): TtlValue<V> {
    return { v, t }
  }

  /** U1: expired iff lastAccess + ttl <= now. */
  expired(tv: TtlValue, now: number): boolean {
    return isExpired(tv.t, this.ttl, now)
  }

  /**
   * Flink's getWrappedWithTtlCheckAndUpdate: absent → undefined; expired → cleared, and returned only
   * under ReturnExpiredIfNotCleanedUp (VIS1/VIS2); unexpired under OnReadAndWrite → re-stamped (U3).
   */
  protected readWithTtl(
    stored: TtlValue | undefined,
    update: (tv: TtlValue) => void,
    clear: () => void,
    now: number = this.time.now(),
  ): TtlValue | undefined {
    if (stored === undefined) return undefined
    if (this.expired(stored, now)) {
      clear() // CL1: expired values are removed when read
      return this.returnExpired ? stored : undefined
    }
    if (this.updateOnRead) update(this.wrap(stored.v))
    return stored
  }

  /** The user value of a stored TtlValue if it counts as present for a merge (TR2/TA2), else undefined. */
  protected unexpiredOrUndefined(stored: TtlValue | undefined, now: number): TtlValue | undefined {
    if (stored === undefined) return undefined
    return this.returnExpired || !this.expired(stored, now) ? stored : undefined
  }

  /**
   * Incremental cleanup of one key (Flink's getUnexpiredOrNull applied by TtlIncrementalCleanup):
   * drops the key's expired values, whatever the visibility.
   */
  abstract cleanupKey(key: string, now: number): void

  /** Every key that has stored state in this state's table. */
  abstract storedKeys(): IterableIterator<string>

  /** True when the key has stored state in this state's table (expired or not). */
  abstract hasStored(key: string): boolean
}
