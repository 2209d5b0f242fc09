// Failed-login alert: three failed logins for one user within one minute raise an alert on the
// "alerts" side output. ListState keeps the recent failure times; an event-time timer clears them a
// minute after the last failure, so state does not grow forever.
import {
  KeyedProcessFunction, ListStateDescriptor, ValueStateDescriptor, OutputTag, Types, WatermarkStrategy, Duration,
  type Context, type OnTimerContext, type Collector, type RuntimeContext, type ListState, type ValueState,
  type StreamExecutionEnvironment,
} from 'riffle'

type Login = { ts: number; user_id: string; result: 'success' | 'failure'; ip: string }
type Alert = { user_id: string; failures: number; first: number; last: number; ips: string[] }

const WINDOW = 60 * 1000
const THRESHOLD = 3
export const alerts = new OutputTag<Alert>('alerts')

class FailedLoginDetector extends KeyedProcessFunction<string, Login, Login> {
  failures!: ListState<{ ts: number; ip: string }>
  cleanupAt!: ValueState<number>

  open(ctx: RuntimeContext) {
    this.failures = ctx.getListState(new ListStateDescriptor('recent_failures', Types.ROW))
    this.cleanupAt = ctx.getState(new ValueStateDescriptor<number>('cleanup_at', Types.LONG))
  }

  processElement(login: Login, ctx: Context<string>, out: Collector<Login>) {
    if (login.result !== 'failure') {
      out.collect(login)
      return
    }
    const now = ctx.timestamp()!
    const recent = [...this.failures.get()].filter((f) => f.ts > now - WINDOW)
    recent.push({ ts: now, ip: login.ip })
    if (recent.length >= THRESHOLD) {
      ctx.output(alerts, {
        user_id: ctx.getCurrentKey(), failures: recent.length,
        first: recent[0].ts, last: now, ips: [...new Set(recent.map((f) => f.ip))],
      })
      this.failures.clear()
    } else {
      this.failures.update(recent)
    }
    const previous = this.cleanupAt.value()
    if (previous !== null) ctx.timerService().deleteEventTimeTimer(previous)
    ctx.timerService().registerEventTimeTimer(now + WINDOW)
    this.cleanupAt.update(now + WINDOW)
  }

  onTimer(timestamp: number, ctx: OnTimerContext<string>, out: Collector<Login>) {
    this.failures.clear()
    this.cleanupAt.clear()
  }
}

export default function job(env: StreamExecutionEnvironment) {
  return env
    .fromRecording<Login>()
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forBoundedOutOfOrderness<Login>(Duration.ofSeconds(2))
        .withTimestampAssigner((e) => e.ts))
    .keyBy((e) => e.user_id)
    .process(new FailedLoginDetector())
    .name('failed-logins')
}
