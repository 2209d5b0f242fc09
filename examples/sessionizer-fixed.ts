// The seed's Sessionizer, fixed: the pending timeout timer's time is kept in state, and that timer is
// the one deleted when the session is extended, so a session closes 30 minutes after its LAST event.
// Out-of-order events (up to the 5 s bound) never move the timeout or the start the wrong way.
import {
  KeyedProcessFunction, ValueStateDescriptor, Types, WatermarkStrategy, Duration,
  type Context, type OnTimerContext, type Collector, type RuntimeContext, type ValueState,
  type StreamExecutionEnvironment,
} from 'riffle'

type Click = { ts: number; user_id: string; type: string }
type Session = { user_id: string; session_start: number; session_end: number; event_count: number }

const TIMEOUT = 30 * 60 * 1000 // 30 minutes in ms

class Sessionizer extends KeyedProcessFunction<string, Click, Session> {
  sessionStart!: ValueState<number>
  eventCount!: ValueState<number>
  timeoutAt!: ValueState<number>

  open(ctx: RuntimeContext) {
    this.sessionStart = ctx.getState(new ValueStateDescriptor<number>('session_start', Types.LONG))
    this.eventCount = ctx.getState(new ValueStateDescriptor<number>('event_count', Types.LONG))
    this.timeoutAt = ctx.getState(new ValueStateDescriptor<number>('timeout_at', Types.LONG))
  }

  processElement(event: Click, ctx: Context<string>, out: Collector<Session>) {
    const now = ctx.timestamp()!
    const start = this.sessionStart.value()
    if (start === null || now < start) this.sessionStart.update(now)
    this.eventCount.update((this.eventCount.value() ?? 0) + 1)

    const pending = this.timeoutAt.value()
    const timeout = now + TIMEOUT
    if (pending === null || timeout > pending) {
      if (pending !== null) ctx.timerService().deleteEventTimeTimer(pending) // the timer that really exists
      ctx.timerService().registerEventTimeTimer(timeout)
      this.timeoutAt.update(timeout)
    }
  }

  onTimer(timestamp: number, ctx: OnTimerContext<string>, out: Collector<Session>) {
    out.collect({
      user_id: ctx.getCurrentKey(),
      session_start: this.sessionStart.value()!,
      session_end: timestamp,
      event_count: this.eventCount.value()!,
    })
    this.sessionStart.clear()
    this.eventCount.clear()
    this.timeoutAt.clear()
  }
}

export default function job(env: StreamExecutionEnvironment) {
  return env
    .fromRecording<Click>()
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forBoundedOutOfOrderness<Click>(Duration.ofSeconds(5))
        .withTimestampAssigner((e) => e.ts))
    .keyBy((e) => e.user_id)
    .process(new Sessionizer())
    .name('sessionizer')
}
