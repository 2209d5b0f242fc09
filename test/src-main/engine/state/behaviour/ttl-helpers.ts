// Builders for TTL descriptors in the behaviour suite. Background cleanup is off unless a test asks for
// it, as in Flink's TtlStateTestBase, so only cleanup on access (CL1) is in play.
import type { StateDescriptor } from '../../../../../src-main/engine/api/descriptors'
import { StateTtlConfig, type StateTtlConfigBuilder } from '../../../../../src-main/engine/api/ttl-config'

export type Tune = (b: StateTtlConfigBuilder) => StateTtlConfigBuilder

/** A TTL config of `ttl` ms, background cleanup off, then `tune` applied. */
export function ttlConfig(ttl = 10, tune: Tune = (b) => b): StateTtlConfig {
  return tune(StateTtlConfig.newBuilder(ttl).disableCleanupInBackground()).build()
}

/** The descriptor with TTL enabled (chainable in tests). */
export function withTtl<D extends StateDescriptor>(d: D, ttl = 10, tune: Tune = (b) => b): D {
  d.enableTimeToLive(ttlConfig(ttl, tune))
  return d
}

export const onReadAndWrite: Tune = (b) => b.updateTtlOnReadAndWrite()
export const returnExpired: Tune = (b) => b.returnExpiredIfNotCleanedUp()
