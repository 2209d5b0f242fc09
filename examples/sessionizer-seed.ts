// The seed article's Sessionizer, as written, bug included: processElement deletes a timer at `now`,
// which never exists, so every event leaves its own timeout timer behind. The FIRST event's timer
// (first event + 30 min) then closes a session that is still active. Compare sessionizer-fixed.ts.
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

  open(ctx: RuntimeContext) {
    this.sessionStart = ctx.getState(new ValueStateDescriptor<number>('session_start', Types.LONG))
    this.eventCount = ctx.getState(new ValueStateDescriptor<number>('event_count', Types.LONG))
  }

  processElement(event: Click, ctx: Context<string>, out: Collector<Session>) {
    const now = ctx.timestamp()!

    if (this.sessionStart.value() === null) {
      this.sessionStart.update(now)
      this.eventCount.update(0)
    }

    this.eventCount.update(this.eventCount.value()! + 1)

    // Register a timer to fire if no events arrive in 30 min
    ctx.timerService().deleteEventTimeTimer(now) // the bug: no timer exists at `now`
    ctx.timerService().registerEventTimeTimer(now + TIMEOUT)
  }

  onTimer(timestamp: number, ctx: OnTimerContext<string>, out: Collector<Session>) {
    // Timer fired — session is complete
    out.collect({
      user_id: ctx.getCurrentKey(),
      session_start: this.sessionStart.value()!,
      session_end: timestamp,
      event_count: this.eventCount.value()!,
    })
    this.sessionStart.clear()
    this.eventCount.clear()
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
