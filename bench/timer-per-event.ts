// The hot-key benchmark's job (bench/hot-key.mjs): every event registers an event-time timer a day
// after it, none is deleted, so a key with N events holds N pending timers until the end of input
// fires them all. The cost of a timer must not grow with the number its key holds.
import {
  KeyedProcessFunction, WatermarkStrategy,
  type Context, type OnTimerContext, type Collector, type StreamExecutionEnvironment,
} from 'riffle'

type Ev = { ts: number; k: string }
const DAY = 24 * 60 * 60 * 1000

class TimerPerEvent extends KeyedProcessFunction<string, Ev, number> {
  processElement(e: Ev, ctx: Context<string>, _out: Collector<number>) {
    ctx.timerService().registerEventTimeTimer(e.ts + DAY)
  }
  onTimer(timestamp: number, _ctx: OnTimerContext<string>, out: Collector<number>) {
    if (timestamp % 1000 === 0) out.collect(timestamp)
  }
}

export default function job(env: StreamExecutionEnvironment) {
  return env.fromRecording<Ev>()
    .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e.ts))
    .keyBy((e) => e.k)
    .process(new TimerPerEvent())
}
