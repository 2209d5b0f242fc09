// The benchmark's reference job (sessionization with ValueState, one event-time timer per
// event at last + 30 min, bounded out-of-orderness 5 s). Same logic as bench/hand-loop.mjs.
import {
  KeyedProcessFunction, ValueStateDescriptor, Types, WatermarkStrategy, Duration,
  type Context, type OnTimerContext, type Collector, type RuntimeContext, type ValueState,
  type StreamExecutionEnvironment,
} from 'riffle'

type Click = { ts: number; user_id: string }
type Session = { user_id: string; start: number; end: number; count: number }
type Acc = { start: number; count: number; timeoutAt: number }

const GAP = 30 * 60 * 1000

class Sessionize extends KeyedProcessFunction<string, Click, Session> {
  session!: ValueState<Acc>
  open(ctx: RuntimeContext) {
    this.session = ctx.getState(new ValueStateDescriptor<Acc>('session', Types.ROW))
  }
  processElement(e: Click, ctx: Context<string>, out: Collector<Session>) {
    const ts = ctx.timestamp()!
    const s = this.session.value()
    const timeoutAt = ts + GAP
    if (s === null) {
      ctx.timerService().registerEventTimeTimer(timeoutAt)
      this.session.update({ start: ts, count: 1, timeoutAt })
      return
    }
    if (timeoutAt > s.timeoutAt) {
      ctx.timerService().deleteEventTimeTimer(s.timeoutAt)
      ctx.timerService().registerEventTimeTimer(timeoutAt)
      s.timeoutAt = timeoutAt
    }
    if (ts < s.start) s.start = ts
    s.count++
    this.session.update(s)
  }
  onTimer(ts: number, ctx: OnTimerContext<string>, out: Collector<Session>) {
    const s = this.session.value()!
    out.collect({ user_id: ctx.getCurrentKey(), start: s.start, end: ts, count: s.count })
    this.session.clear()
  }
}

export default function job(env: StreamExecutionEnvironment) {
  return env
    .fromRecording<Click>()
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forBoundedOutOfOrderness<Click>(Duration.ofSeconds(5)).withTimestampAssigner((e) => e.ts))
    .keyBy((e) => e.user_id)
    .process(new Sessionize())
    .name('sessionize')
}
