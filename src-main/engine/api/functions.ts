// KeyedProcessFunction and the contexts it receives (Flink's KeyedProcessFunction, TimerService,
// Context, OnTimerContext, Collector, OutputTag, TimeDomain).
import type {
  AggregatingStateDescriptor, ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor, ValueStateDescriptor,
} from './descriptors'
import type { AggregatingState, ListState, MapState, ReducingState, ValueState } from './state'

export enum TimeDomain { EVENT_TIME = 'EVENT_TIME', PROCESSING_TIME = 'PROCESSING_TIME' }

export interface Collector<T> {
  collect(value: T): void
}

export interface TimerService {
  currentProcessingTime(): number
  currentWatermark(): number
  registerEventTimeTimer(time: number): void
  registerProcessingTimeTimer(time: number): void
  deleteEventTimeTimer(time: number): void
  deleteProcessingTimeTimer(time: number): void
}

export interface RuntimeContext {
  getState<T>(descriptor: ValueStateDescriptor<T>): ValueState<T>
  getListState<T>(descriptor: ListStateDescriptor<T>): ListState<T>
  getMapState<K, V>(descriptor: MapStateDescriptor<K, V>): MapState<K, V>
  getReducingState<T>(descriptor: ReducingStateDescriptor<T>): ReducingState<T>
  getAggregatingState<IN, ACC, OUT>(descriptor: AggregatingStateDescriptor<IN, ACC, OUT>): AggregatingState<IN, OUT>
}

/** A named side output (SO1: the id is non-empty; tags with the same id are equal). */
export class OutputTag<T = unknown> {
  declare readonly __type?: T
  constructor(readonly id: string) {
    if (typeof id !== 'string' || id.length === 0) throw new TypeError('OutputTag id must be a non-empty string (SO1)')
  }
  toString(): string { return `OutputTag(${this.id})` }
}

export interface Context<K> {
  /** C1: the record's timestamp, or null when it has none. */
  timestamp(): number | null
  timerService(): TimerService
  /** C4: a null tag throws. */
  output<X>(tag: OutputTag<X>, value: X): void
  getCurrentKey(): K
}

export interface OnTimerContext<K> extends Context<K> {
  timeDomain(): TimeDomain
}

export abstract class KeyedProcessFunction<K, IN, OUT> {
  open(_ctx: RuntimeContext): void {}
  abstract processElement(value: IN, ctx: Context<K>, out: Collector<OUT>): void
  onTimer?(timestamp: number, ctx: OnTimerContext<K>, out: Collector<OUT>): void
  close(): void {}
}
