// Test fixture for time travel, breakpoints and lineage: a two-stage job with event- and
// processing-time timers, Value/List/Reducing/Map state, a TTL state and side outputs, and a recording
// with out-of-order (late) records and control lines.
import { DebugSession, type DebugSession as Session } from '../../../src-main/debugger/debug-session'
import type { TimeTravelOptions } from '../../../src-main/debugger/time-travel/time-travel'
import { RIFFLE, writeCase } from '../helpers/run-inline'

export const JOB = `${RIFFLE}
const SIDE = new OutputTag<any>('side')
const ttl = StateTtlConfig.newBuilder(Time.milliseconds(2000)).setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite).build()
class Sess extends KeyedProcessFunction<any, any, any> {
  last: any; items: any; count: any; seen: any
  open(rc: any) {
    this.last = rc.getState(new ValueStateDescriptor('last', Types.LONG))
    this.items = rc.getListState(new ListStateDescriptor('items', Types.STRING))
    this.count = rc.getReducingState(new ReducingStateDescriptor('count', (a: number, b: number) => a + b, Types.INT))
    const d = new ValueStateDescriptor('seen', Types.INT); d.enableTimeToLive(ttl)
    this.seen = rc.getState(d)
  }
  processElement(e: any, ctx: any, out: any) {
    const prev = this.last.value()
    if (prev !== null) ctx.timerService().deleteEventTimeTimer(prev + 1000)
    this.last.update(ctx.timestamp())
    this.items.add(e.what)
    this.count.add(1)
    this.seen.update((this.seen.value() ?? 0) + 1)
    ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 1000)
    if (e.what === 'buy') { ctx.timerService().registerProcessingTimeTimer(ctx.timestamp() + 300); ctx.output(SIDE, e) }
  }
  onTimer(t: number, ctx: any, out: any) {
    if (ctx.timeDomain() === TimeDomain.PROCESSING_TIME) { ctx.output(SIDE, { reminder: ctx.getCurrentKey(), t }); return }
    const start = this.last.value() - 0
    out.collect({ user: ctx.getCurrentKey(), items: [...this.items.get()], n: this.count.get(), start: t - 1000 - (this.count.get() - 1) * 10, end: t })
    this.last.clear(); this.items.clear(); this.count.clear()
  }
}
class Tally extends KeyedProcessFunction<any, any, any> {
  m: any
  open(rc: any) { this.m = rc.getMapState(new MapStateDescriptor('byN', Types.INT, Types.INT)) }
  processElement(s: any, ctx: any, out: any) {
    this.m.put(s.n, (this.m.get(s.n) ?? 0) + 1)
    out.collect({ n: s.n, sessions: this.m.get(s.n), user: s.user })
  }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(200)).withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.u).process(new Sess()).uid('sess')
  .keyBy((s: any) => 'all').process(new Tally()).uid('tally')
`

/**
 * JOB with data kept in plain fields of its function objects as well as in state (the "counts drift" mistake): Tally
 * counts its calls and each user's sessions in fields, Sess its reminders, and the outputs show them, so a restore
 * that left the fields as they were would show in the outputs of every step re-run after it.
 */
export const FIELDS_JOB = JOB
  .replace("class Tally extends KeyedProcessFunction<any, any, any> {\n  m: any", "class Tally extends KeyedProcessFunction<any, any, any> {\n  m: any\n  calls = 0\n  perUser = new Map<string, number[]>()")
  .replace("out.collect({ n: s.n, sessions: this.m.get(s.n), user: s.user })",
    "this.calls++; this.perUser.set(s.user, [...(this.perUser.get(s.user) ?? []), s.n])\n    " +
    "out.collect({ n: s.n, sessions: this.m.get(s.n), user: s.user, calls: this.calls, mine: this.perUser.get(s.user) })")
  .replace("  last: any; items: any; count: any; seen: any", "  last: any; items: any; count: any; seen: any; reminders = { n: 0 }")
  .replace("{ reminder: ctx.getCurrentKey(), t }", "{ reminder: ctx.getCurrentKey(), t, nth: ++this.reminders.n }")
if (FIELDS_JOB.split('this.calls').length !== 3 || !FIELDS_JOB.includes('nth: ++this.reminders.n')) throw new Error('FIELDS_JOB: JOB changed, update its replacements')

/** n events over 6 users, some out of order by up to 600 ms (late against a 200 ms bound), a watermark line every 25. */
export function recording(n: number, seed = 7): unknown[] {
  let x = seed
  const rnd = (): number => { x = (x * 1103515245 + 12345) % 2147483648; return x / 2147483648 }
  const lines: unknown[] = []
  for (let i = 0; i < n; i++) {
    const skew = rnd() < 0.1 ? -Math.floor(rnd() * 600) : 0
    lines.push({ u: `u${Math.floor(rnd() * 6)}`, ts: Math.max(0, i * 150 + Math.floor(rnd() * 150) + skew), what: rnd() < 0.2 ? 'buy' : 'view' })
    if (i % 25 === 24) lines.push({ $watermark: i * 150 - 400 })
  }
  return lines
}

export interface Case { open: (tt?: TimeTravelOptions) => Promise<Session>; jobPath: string; recordingPath: string }

/** The job over recording(n), or over `lines` when given, on the heap or on LevelDB (a temporary state folder per session). */
export function makeCase(n: number, job = JOB, lines?: unknown[], backend: 'heap' | 'leveldb' = 'heap'): Case {
  const c = writeCase(job, lines ?? recording(n))
  const open = (tt?: TimeTravelOptions): Promise<Session> => DebugSession.open({
    jobPath: c.jobPath, recordingPath: c.recordingPath, backend, processingTime: 'follow', drainProcessingTimers: true, skipBadLines: false,
  }, tt)
  return { open, jobPath: c.jobPath, recordingPath: c.recordingPath }
}

/** Everything a user can see of a session at its current step, as comparable JSON. */
export async function observable(s: Session): Promise<unknown> {
  const status = await s.status()
  const keys = (await s.keys({ offset: 0, limit: 1e6, sort: 'key' })).items
  const states = []
  for (const k of keys) states.push(await s.keyState(k.operatorId, k.keyStr))
  const timers = (await s.timers(0, 1e6)).items
  const outputs = (await s.outputs(0, 1e9)).items
  const ops = await s.operators()
  return { status, keys, states, timers, outputs, ops }
}
