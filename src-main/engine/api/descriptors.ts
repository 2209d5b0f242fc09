// State descriptors (Flink's ValueStateDescriptor & co.): a name, a type and an optional TTL config.
import type { StateKind } from '../state/backend'
import { rememberCreation } from './creation-sites'
import { StateTtlConfig } from './ttl-config'
import type { TypeInfo } from './types'

export type ReduceFunction<T> = (a: T, b: T) => T

export interface AggregateFunction<IN, ACC, OUT> {
  createAccumulator(): ACC
  add(value: IN, accumulator: ACC): ACC
  getResult(accumulator: ACC): OUT
  merge?(a: ACC, b: ACC): ACC
}

export abstract class StateDescriptor {
  abstract readonly kind: StateKind
  ttlConfig: StateTtlConfig | null = null
  constructor(readonly name: string) {
    if (typeof name !== 'string' || name.length === 0) {
      throw new TypeError(`a state descriptor needs a non-empty name, got ${JSON.stringify(name)}`)
    }
    rememberCreation(this) // a "state grows forever" finding names this line
  }
  enableTimeToLive(ttlConfig: StateTtlConfig): void {
    if (!(ttlConfig instanceof StateTtlConfig)) {
      throw new TypeError(`enableTimeToLive on "${this.name}": expected a StateTtlConfig (StateTtlConfig.newBuilder(ttl)...build())`)
    }
    this.ttlConfig = ttlConfig.isEnabled() ? ttlConfig : null
  }
  /** A one-line type label for the inspector. */
  abstract typeLabel(): string
}

const label = (t: TypeInfo | undefined): string => (t === undefined ? 'JSON' : t.params ? `${t.name}<${t.params.map((p) => label(p)).join(', ')}>` : t.name)

export class ValueStateDescriptor<T = unknown> extends StateDescriptor {
  readonly kind = 'value' as const
  /** Flink's deprecated default value (V1); ignored when TTL is enabled (V4). */
  constructor(name: string, readonly type?: TypeInfo, readonly defaultValue: T | null = null) { super(name) }
  typeLabel(): string { return label(this.type) }
}

export class ListStateDescriptor<T = unknown> extends StateDescriptor {
  readonly kind = 'list' as const
  declare readonly __elem?: T
  constructor(name: string, readonly elementType?: TypeInfo) { super(name) }
  typeLabel(): string { return `LIST<${label(this.elementType)}>` }
}

export class MapStateDescriptor<K = unknown, V = unknown> extends StateDescriptor {
  readonly kind = 'map' as const
  declare readonly __kv?: [K, V]
  constructor(name: string, readonly keyType?: TypeInfo, readonly valueType?: TypeInfo) { super(name) }
  typeLabel(): string { return `MAP<${label(this.keyType)}, ${label(this.valueType)}>` }
}

export class ReducingStateDescriptor<T = unknown> extends StateDescriptor {
  readonly kind = 'reducing' as const
  constructor(name: string, readonly reduceFunction: ReduceFunction<T>, readonly type?: TypeInfo) {
    super(name)
    if (typeof reduceFunction !== 'function') throw new TypeError(`ReducingStateDescriptor "${name}": the reduce function must be a function (a, b) => c`)
  }
  typeLabel(): string { return label(this.type) }
}

export class AggregatingStateDescriptor<IN = unknown, ACC = unknown, OUT = unknown> extends StateDescriptor {
  readonly kind = 'aggregating' as const
  constructor(name: string, readonly aggregateFunction: AggregateFunction<IN, ACC, OUT>, readonly accumulatorType?: TypeInfo) {
    super(name)
    const f = aggregateFunction as Partial<AggregateFunction<IN, ACC, OUT>> | null
    if (f === null || typeof f !== 'object' || typeof f.createAccumulator !== 'function' || typeof f.add !== 'function' || typeof f.getResult !== 'function') {
      throw new TypeError(`AggregatingStateDescriptor "${name}": the aggregate function needs createAccumulator(), add(value, acc) and getResult(acc)`)
    }
  }
  typeLabel(): string { return `ACC ${label(this.accumulatorType)}` }
}
