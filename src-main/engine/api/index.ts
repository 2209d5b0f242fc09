// The module job authors import as 'riffle' (docs/job-api.md). Everything here is public contract.
export { Duration, Time, MIN_TIMESTAMP, MAX_TIMESTAMP } from './time'
export type { DurationLike } from './time'
export { Types } from './types'
export type { TypeInfo } from './types'
export { StateTtlConfig, StateTtlConfigBuilder } from './ttl-config'
export {
  StateDescriptor, ValueStateDescriptor, ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor,
  AggregatingStateDescriptor,
} from './descriptors'
export type { ReduceFunction, AggregateFunction } from './descriptors'
export type { State, ValueState, ListState, MapState, ReducingState, AggregatingState } from './state'
export { KeyedProcessFunction, OutputTag, TimeDomain } from './functions'
export type { Collector, TimerService, RuntimeContext, Context, OnTimerContext } from './functions'
export { WatermarkStrategy } from './watermark-strategy'
export type { TimestampAssigner } from './watermark-strategy'
export type { DataStream, SingleOutputStreamOperator, KeyedStream, StreamExecutionEnvironment } from './streams'
