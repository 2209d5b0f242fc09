// Small jobs and generated recordings for the backend tests of the command line: every state kind with
// and without TTL, timers set and deleted, side outputs and two keyed stages, over recordings with
// out-of-order events, expiring gaps and control lines. Deterministic (seeded), so runs compare byte
// for byte across backends.

/** Deterministic pseudo-random numbers in [0, 1) (an LCG), so generated recordings never change. */
export function lcg(seed: number): () => number {
  let x = seed >>> 0
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0
    return x / 2 ** 32
  }
}

const IMPORTS = `import {
  KeyedProcessFunction, ValueStateDescriptor, ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor,
  AggregatingStateDescriptor, StateTtlConfig, Types, WatermarkStrategy, Duration, Time, OutputTag, TimeDomain,
} from 'riffle'
`

/**
 * One operator with all five kinds: Value (no TTL), List (TTL, OnReadAndWrite, TL2), Map (TTL,
 * incremental cleanup on every record, CL3/TM2), Reducing (TTL, ReturnExpiredIfNotCleanedUp, TR2),
 * Aggregating (event-time TTL, TA1). Event-time timers are registered and some deleted again (T2);
 * big lists go to a side output (SO1). Each record emits a view of every state.
 */
export const ALL_KINDS_JOB = `${IMPORTS}
type Ev = { ts: number; k: string; n: number; tag: string }
export const big = new OutputTag<unknown>('big')
const ttl = (ms: number) => StateTtlConfig.newBuilder(Time.milliseconds(ms))

class AllKinds extends KeyedProcessFunction<string, Ev, unknown> {
  count: any; recent: any; tags: any; sum: any; avg: any; timer: any
  open(ctx: any) {
    this.count = ctx.getState(new ValueStateDescriptor('count', Types.LONG))
    this.timer = ctx.getState(new ValueStateDescriptor('timer', Types.LONG))
    const recent = new ListStateDescriptor('recent', Types.LONG)
    recent.enableTimeToLive(ttl(20_000).updateTtlOnReadAndWrite().build())
    this.recent = ctx.getListState(recent)
    const tags = new MapStateDescriptor('tags', Types.STRING, Types.LONG)
    tags.enableTimeToLive(ttl(15_000).cleanupIncrementally(3, true).build())
    this.tags = ctx.getMapState(tags)
    const sum = new ReducingStateDescriptor('sum', (a: number, b: number) => a + b, Types.LONG)
    sum.enableTimeToLive(ttl(12_000).returnExpiredIfNotCleanedUp().build())
    this.sum = ctx.getReducingState(sum)
    const avg = new AggregatingStateDescriptor('avg', {
      createAccumulator: () => ({ s: 0, c: 0 }),
      add: (v: number, a: { s: number; c: number }) => ({ s: a.s + v, c: a.c + 1 }),
      getResult: (a: { s: number; c: number }) => (a.c === 0 ? null : Math.round((a.s / a.c) * 1000) / 1000),
      merge: (a: { s: number; c: number }, b: { s: number; c: number }) => ({ s: a.s + b.s, c: a.c + b.c }),
    }, Types.ROW)
    avg.enableTimeToLive(ttl(25_000).setTtlTimeCharacteristic(StateTtlConfig.TtlTimeCharacteristic.EventTime).cleanupFullSnapshot().build())
    this.avg = ctx.getAggregatingState(avg)
  }
  processElement(e: Ev, ctx: any, out: any) {
    const c = (this.count.value() ?? 0) + 1
    this.count.update(c)
    this.recent.add(e.n)
    if (e.tag === 'clear') this.tags.clear()
    else if (e.tag === 'drop') this.tags.remove('t' + (e.n % 4))
    else this.tags.put(e.tag, (this.tags.get(e.tag) ?? 0) + 1)
    this.sum.add(e.n)
    this.avg.add(e.n)
    const recent = [...this.recent.get()]
    if (recent.length > 3) ctx.output(big, { k: e.k, size: recent.length })
    if (recent.length > 6) this.recent.update(recent.slice(-2))
    if (c % 3 === 0) {
      const old = this.timer.value()
      if (old !== null && e.n % 2 === 0) ctx.timerService().deleteEventTimeTimer(old)
      const t = ctx.timestamp() + 7_000
      ctx.timerService().registerEventTimeTimer(t)
      this.timer.update(t)
    }
    out.collect({ k: e.k, c, recent: [...this.recent.get()], tags: [...this.tags.entries()], sum: this.sum.get(), avg: this.avg.get(), wm: ctx.timerService().currentWatermark() })
  }
  onTimer(ts: number, ctx: any, out: any) {
    out.collect({ timer: ts, key: ctx.getCurrentKey(), domain: ctx.timeDomain() === TimeDomain.EVENT_TIME ? 'event' : 'processing', keys: [...this.tags.keys()], sum: this.sum.get(), avg: this.avg.get() })
    if (ts % 2 === 0) this.recent.clear()
    this.timer.clear()
  }
}

export default function job(env: any) {
  return env.fromRecording()
    .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofSeconds(3)).withTimestampAssigner((e: Ev) => e.ts))
    .keyBy((e: Ev) => e.k)
    .process(new AllKinds())
    .uid('all-kinds')
}
`

/**
 * Two keyed stages: per user a TTL'd value (processing-time TTL, OnReadAndWrite) and a processing-time
 * timer (P1); then per region a map of users with event-time TTL and cleanupFullSnapshot (CL2) and a
 * list of the last totals.
 */
export const TWO_STAGES_JOB = `${IMPORTS}
type Ev = { ts: number; k: string; n: number; tag: string }
const ttl = (ms: number) => StateTtlConfig.newBuilder(Time.milliseconds(ms))

class PerUser extends KeyedProcessFunction<string, Ev, unknown> {
  total: any
  open(ctx: any) {
    const d = new ValueStateDescriptor('total', Types.LONG)
    d.enableTimeToLive(ttl(9_000).updateTtlOnReadAndWrite().build())
    this.total = ctx.getState(d)
  }
  processElement(e: Ev, ctx: any, out: any) {
    const t = (this.total.value() ?? 0) + e.n
    this.total.update(t)
    if (e.n % 5 === 0) ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + 4_000)
    out.collect({ user: e.k, region: 'r' + (e.k.charCodeAt(e.k.length - 1) % 3), total: t, ts: e.ts })
  }
  onTimer(ts: number, ctx: any, out: any) {
    out.collect({ user: ctx.getCurrentKey(), region: 'rt', total: this.total.value() ?? -1, ts })
  }
}

class PerRegion extends KeyedProcessFunction<string, any, unknown> {
  users: any; last: any
  open(ctx: any) {
    const d = new MapStateDescriptor('users', Types.STRING, Types.LONG)
    d.enableTimeToLive(ttl(11_000).setTtlTimeCharacteristic(StateTtlConfig.TtlTimeCharacteristic.EventTime).cleanupFullSnapshot().disableCleanupInBackground().build())
    this.users = ctx.getMapState(d)
    this.last = ctx.getListState(new ListStateDescriptor('last', Types.LONG))
  }
  processElement(e: any, ctx: any, out: any) {
    this.users.put(e.user, e.total)
    const last = [...this.last.get(), e.total].slice(-3)
    this.last.update(last)
    out.collect({ region: ctx.getCurrentKey(), users: [...this.users.keys()].length, last, present: this.users.contains('u3') })
  }
}

export default function job(env: any) {
  return env.fromRecording()
    .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e: Ev) => e.ts))
    .keyBy((e: Ev) => e.k)
    .process(new PerUser()).uid('per-user')
    .keyBy((e: any) => e.region)
    .process(new PerRegion()).uid('per-region')
}
`

const TAGS = ['a', 'b', 'c', 'clear', 'drop', 't1', 't2']

/**
 * `events` records over `keys` keys: time moves on by 0-4 s per record with a pause of 10-40 s every
 * ~60 records (so TTLs and timers expire), ~8 % arrive out of order by up to 2.5 s, and every ~150
 * records a $watermark or $processingTime control line.
 */
export function stateRecording(seed: number, events: number, keys: number): unknown[] {
  const rnd = lcg(seed)
  const lines: unknown[] = []
  let t = 1_700_000_000_000
  for (let i = 0; i < events; i++) {
    t += Math.floor(rnd() * 4000)
    if (rnd() < 1 / 60) t += 10_000 + Math.floor(rnd() * 30_000)
    const ts = rnd() < 0.08 ? t - Math.floor(rnd() * 2500) : t
    lines.push({ ts, k: `u${Math.floor(rnd() * keys)}`, n: Math.floor(rnd() * 100), tag: TAGS[Math.floor(rnd() * TAGS.length)] })
    const r = rnd()
    if (r < 1 / 300) lines.push({ $watermark: t + 5_000 })
    else if (r < 2 / 300) lines.push({ $processingTime: t + 3_000 })
  }
  return lines
}
