// Deduplication by event id: the first event with an id passes, later ones within an hour go to the
// "duplicates" side output. A TTL'd ValueState forgets ids after an hour, so state stays bounded.
import {
  KeyedProcessFunction, ValueStateDescriptor, OutputTag, StateTtlConfig, Time, Types, WatermarkStrategy, Duration,
  type Context, type Collector, type RuntimeContext, type ValueState, type StreamExecutionEnvironment,
} from 'riffle'

type Payment = { ts: number; event_id: string; user_id: string; amount: number }
export const duplicates = new OutputTag<Payment>('duplicates')

class Deduplicator extends KeyedProcessFunction<string, Payment, Payment> {
  seen!: ValueState<boolean>

  open(ctx: RuntimeContext) {
    const ttl = StateTtlConfig.newBuilder(Time.hours(1))
      .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
      .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
      .build()
    const descriptor = new ValueStateDescriptor<boolean>('seen', Types.BOOLEAN)
    descriptor.enableTimeToLive(ttl)
    this.seen = ctx.getState(descriptor)
  }

  processElement(payment: Payment, ctx: Context<string>, out: Collector<Payment>) {
    if (this.seen.value()) {
      ctx.output(duplicates, payment)
      return
    }
    this.seen.update(true)
    out.collect(payment)
  }
}

export default function job(env: StreamExecutionEnvironment) {
  return env
    .fromRecording<Payment>()
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forBoundedOutOfOrderness<Payment>(Duration.ofSeconds(5))
        .withTimestampAssigner((e) => e.ts))
    .keyBy((e) => e.event_id)
    .process(new Deduplicator())
    .name('dedup')
}
