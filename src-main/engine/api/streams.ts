// The stream-building interfaces a job's default export receives (Flink's DataStream API subset).
// The runtime implements them (runtime/graph-builder.ts); jobs only see these types.
import type { KeyedProcessFunction, OutputTag } from './functions'
import type { WatermarkStrategy } from './watermark-strategy'

export interface DataStream<T> {
  map<R>(fn: (value: T) => R): SingleOutputStreamOperator<R>
  filter(fn: (value: T) => boolean): SingleOutputStreamOperator<T>
  /** The function may return an iterable of results, or push them into the collector. */
  flatMap<R>(fn: (value: T, out: { collect(value: R): void }) => Iterable<R> | void): SingleOutputStreamOperator<R>
  keyBy<K>(keySelector: (value: T) => K): KeyedStream<T, K>
  assignTimestampsAndWatermarks(strategy: WatermarkStrategy<T>): SingleOutputStreamOperator<T>
}

export interface SingleOutputStreamOperator<T> extends DataStream<T> {
  name(name: string): this
  uid(uid: string): this
  getSideOutput<X>(tag: OutputTag<X>): DataStream<X>
}

export interface KeyedStream<T, K> extends DataStream<T> {
  process<R>(fn: KeyedProcessFunction<K, T, R>): SingleOutputStreamOperator<R>
}

export interface StreamExecutionEnvironment {
  /** The recording chosen in the app or on the command line. */
  fromRecording<T = unknown>(): DataStream<T>
}
