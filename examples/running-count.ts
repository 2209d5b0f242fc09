// Running count per user: the seed's EventCounter. ValueState holds each user's count so far.
import {
  KeyedProcessFunction, ValueStateDescriptor, Types,
  type Context, type Collector, type RuntimeContext, type ValueState, type StreamExecutionEnvironment,
} from 'riffle'

type Click = { ts: number; user_id: string; type: string }

class EventCounter extends KeyedProcessFunction<string, Click, [string, number]> {
  count!: ValueState<number>

  open(ctx: RuntimeContext) {
    this.count = ctx.getState(new ValueStateDescriptor<number>('count', Types.LONG))
  }

  processElement(value: Click, ctx: Context<string>, out: Collector<[string, number]>) {
    const current = this.count.value() ?? 0
    this.count.update(current + 1)
    out.collect([value.user_id, current + 1])
  }
}

export default function job(env: StreamExecutionEnvironment) {
  return env
    .fromRecording<Click>()
    .keyBy((e) => e.user_id)
    .process(new EventCounter())
    .name('event-counter')
}
