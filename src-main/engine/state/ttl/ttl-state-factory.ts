// Builds a state handle for a descriptor (Flink's TtlStateFactory.createStateAndWrapWithTtlIfEnabled):
// the plain kind when the descriptor has no TTL, else the TTL decorator over the same internal state,
// with its incremental cleanup (CL3) wired as the access callback.
import type {
  AggregatingStateDescriptor, ReducingStateDescriptor, StateDescriptor, ValueStateDescriptor,
} from '../../api/descriptors'
import type { State } from '../../api/state'
import type { StateTtlConfig } from '../../api/ttl-config'
import type { InternalMapState, InternalValueState } from '../kinds/internal-state'
import { KeyedAggregatingState } from '../kinds/aggregating-state'
import { KeyedListState } from '../kinds/list-state'
import { KeyedMapState } from '../kinds/map-state'
import { KeyedReducingState } from '../kinds/reducing-state'
import { KeyedValueState } from '../kinds/value-state'
import type { TtlTimeProvider } from '../state-context'
import type { AbstractTtlState } from './abstract-ttl-state'
import { TtlAggregatingStateImpl } from './ttl-aggregating-state'
import { TtlIncrementalCleanup } from './ttl-incremental-cleanup'
import { TtlListStateImpl } from './ttl-list-state'
import { TtlMapStateImpl } from './ttl-map-state'
import { TtlReducingStateImpl } from './ttl-reducing-state'
import { TtlValueStateImpl } from './ttl-value-state'

export interface CreatedState {
  handle: State
  /** The TTL decorator, or null without TTL. */
  ttl: AbstractTtlState | null
  /** CL3 cleanup, or null when incremental cleanup is off. */
  cleanup: TtlIncrementalCleanup | null
}

export function createState(
  descriptor: StateDescriptor,
  original: InternalValueState | InternalMapState,
  time: TtlTimeProvider,
): CreatedState {
  const config = descriptor.ttlConfig
  if (config === null) return { handle: createPlain(descriptor, original), ttl: null, cleanup: null }
  const ttl = createTtl(descriptor, original, config, time)
  // CL3: default n = 5 while background cleanup is on (StateTtlConfig.incrementalCleanup already holds
  // the default); disableCleanupInBackground() leaves it null.
  const inc = config.incrementalCleanup
  const cleanup = inc !== null && inc.cleanupSize > 0 ? new TtlIncrementalCleanup(inc.cleanupSize, ttl) : null
  if (cleanup !== null) ttl.accessCallback = () => cleanup.stateAccessed()
  return { handle: ttl as unknown as State, ttl, cleanup }
}

function createPlain(d: StateDescriptor, original: InternalValueState | InternalMapState): State {
  switch (d.kind) {
    case 'value': return new KeyedValueState(original as InternalValueState, (d as ValueStateDescriptor).defaultValue ?? null)
    case 'list': return new KeyedListState(original as InternalValueState)
    case 'map': return new KeyedMapState(original as InternalMapState)
    case 'reducing': return new KeyedReducingState(original as InternalValueState, (d as ReducingStateDescriptor).reduceFunction)
    case 'aggregating': return new KeyedAggregatingState(original as InternalValueState, (d as AggregatingStateDescriptor).aggregateFunction)
  }
}

function createTtl(d: StateDescriptor, original: InternalValueState | InternalMapState, config: StateTtlConfig,
  time: TtlTimeProvider): AbstractTtlState {
  switch (d.kind) {
    // V4: the default value is not passed on: with TTL, missing state reads as null.
    case 'value': return new TtlValueStateImpl(original as InternalValueState, config, time)
    case 'list': return new TtlListStateImpl(original as InternalValueState, config, time)
    case 'map': return new TtlMapStateImpl(original as InternalMapState, config, time)
    case 'reducing': return new TtlReducingStateImpl(original as InternalValueState, (d as ReducingStateDescriptor).reduceFunction, config, time)
    case 'aggregating': return new TtlAggregatingStateImpl(original as InternalValueState, (d as AggregatingStateDescriptor).aggregateFunction, config, time)
  }
}
