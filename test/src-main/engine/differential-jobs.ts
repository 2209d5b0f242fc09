// fast-check arbitraries for the backend differential test: a random job spec (which state kinds, their
// TTL configs, timer offsets, side output, watermark strategy) turned into job source text, and a random
// recording (keys, timestamps out of order, control lines) whose records script what the job does.
import fc from 'fast-check'

export type Kind = 'value' | 'list' | 'map' | 'reducing' | 'aggregating'

export interface TtlSpec {
  ms: number
  update: 'OnCreateAndWrite' | 'OnReadAndWrite'
  visibility: 'NeverReturnExpired' | 'ReturnExpiredIfNotCleanedUp'
  time: 'ProcessingTime' | 'EventTime'
  fullSnapshot: boolean
  /** cleanupIncrementally(size, perRecord), or the default. */
  incremental: [number, boolean] | null
  background: boolean
}

export interface StateSpec { kind: Kind; ttl: TtlSpec | null }

export interface JobSpec {
  states: StateSpec[]
  watermark: { kind: 'bounded'; ms: number } | { kind: 'monotonous' } | { kind: 'none' }
  eventTimerOffsets: number[]
  processingTimerOffsets: number[]
  sideOutput: boolean
  /** Actions onTimer runs (indexes into the action table, as records do). */
  onTimerOps: number[]
}

export type RecordingLine =
  | { ts: number; k: string | number; n: number; ops: number[] }
  | { $watermark: number }
  | { $processingTime: number }

const ttlArb: fc.Arbitrary<TtlSpec> = fc.record({
  ms: fc.constantFrom(500, 2_000, 5_000, 15_000, 60_000),
  update: fc.constantFrom('OnCreateAndWrite' as const, 'OnReadAndWrite' as const),
  visibility: fc.constantFrom('NeverReturnExpired' as const, 'ReturnExpiredIfNotCleanedUp' as const),
  time: fc.constantFrom('ProcessingTime' as const, 'EventTime' as const),
  fullSnapshot: fc.boolean(),
  incremental: fc.option(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.boolean()), { nil: null }),
  background: fc.boolean(),
})

export const jobSpecArb: fc.Arbitrary<JobSpec> = fc.record({
  states: fc.array(fc.record({
    kind: fc.constantFrom<Kind>('value', 'list', 'map', 'reducing', 'aggregating'),
    ttl: fc.option(ttlArb, { nil: null, freq: 2 }),
  }), { minLength: 1, maxLength: 5 }),
  watermark: fc.oneof(
    fc.record({ kind: fc.constant('bounded' as const), ms: fc.constantFrom(0, 1_000, 5_000) }),
    fc.constant({ kind: 'monotonous' as const }),
    fc.constant({ kind: 'none' as const }),
  ),
  eventTimerOffsets: fc.array(fc.constantFrom(0, 1, 1_000, 3_000, 10_000), { minLength: 1, maxLength: 3 }),
  processingTimerOffsets: fc.array(fc.constantFrom(0, 500, 4_000, 20_000), { minLength: 1, maxLength: 3 }),
  sideOutput: fc.boolean(),
  onTimerOps: fc.array(fc.nat(200), { maxLength: 4 }),
})

const KEYS: Array<string | number> = ['a', 'b', 'c', 'd', 'e', 7, 42, 'x"y', 'ü']

/** A recording: records over a few keys, time moving on with pauses, some out of order, control lines. */
export const recordingArb: fc.Arbitrary<RecordingLine[]> = fc.record({
  keys: fc.integer({ min: 1, max: KEYS.length }),
  steps: fc.array(fc.record({
    dt: fc.oneof(fc.integer({ min: 0, max: 1_500 }), fc.integer({ min: 2_000, max: 70_000 })),
    late: fc.option(fc.integer({ min: 1, max: 6_000 }), { nil: null, freq: 6 }),
    key: fc.nat(100),
    n: fc.integer({ min: -5, max: 50 }),
    ops: fc.array(fc.nat(200), { minLength: 1, maxLength: 4 }),
    control: fc.option(fc.record({ which: fc.constantFrom('$watermark' as const, '$processingTime' as const), ahead: fc.integer({ min: -3_000, max: 20_000 }) }), { nil: null, freq: 8 }),
  }), { minLength: 10, maxLength: 300, size: 'max' }),
}).map(({ keys, steps }) => {
  const lines: RecordingLine[] = []
  let t = 1_700_000_000_000
  for (const s of steps) {
    t += s.dt
    lines.push({ ts: t - (s.late ?? 0), k: KEYS[s.key % keys], n: s.n, ops: s.ops })
    if (s.control !== null) lines.push(s.control.which === '$watermark' ? { $watermark: t + s.control.ahead } : { $processingTime: t + s.control.ahead })
  }
  return lines
})

function ttlCode(t: TtlSpec | null): string {
  if (t === null) return ''
  return `d.enableTimeToLive(StateTtlConfig.newBuilder(${t.ms})` +
    `.setUpdateType(StateTtlConfig.UpdateType.${t.update})` +
    `.setStateVisibility(StateTtlConfig.StateVisibility.${t.visibility})` +
    `.setTtlTimeCharacteristic(StateTtlConfig.TtlTimeCharacteristic.${t.time})` +
    (t.fullSnapshot ? '.cleanupFullSnapshot()' : '') +
    (t.incremental !== null ? `.cleanupIncrementally(${t.incremental[0]}, ${t.incremental[1]})` : '') +
    (t.background ? '' : '.disableCleanupInBackground()') + '.build())'
}

const DESCRIPTOR: Record<Kind, (name: string) => string> = {
  value: (n) => `new ValueStateDescriptor('${n}', Types.ROW)`,
  list: (n) => `new ListStateDescriptor('${n}', Types.LONG)`,
  map: (n) => `new MapStateDescriptor('${n}', Types.STRING, Types.ROW)`,
  reducing: (n) => `new ReducingStateDescriptor('${n}', (a: number, b: number) => a + b * 2, Types.LONG)`,
  aggregating: (n) => `new AggregatingStateDescriptor('${n}', { createAccumulator: () => [0, 0], add: (v: number, a: number[]) => [a[0] + v, a[1] + 1], getResult: (a: number[]) => a[0] * 1000 + a[1], merge: (a: number[], b: number[]) => [a[0] + b[0], a[1] + b[1]] }, Types.ROW)`,
}
const GETTER: Record<Kind, string> = { value: 'getState', list: 'getListState', map: 'getMapState', reducing: 'getReducingState', aggregating: 'getAggregatingState' }

/** What each kind can be asked to do; `s` is the state, `o(x)` emits, `n` the record's number. */
const ACTIONS: Record<Kind, string[]> = {
  value: [
    'o(s.value())', 's.update([n, ((s.value() ?? [0, 0])[1] as number) + 1])', 's.clear()',
    // Mutating what was read, without update(): must not reach the stored value (a copy, docs/job-api.md).
    'const v = s.value(); if (v !== null) v.push(n)', 's.update(null)',
  ],
  list: [
    'o([...s.get()])', 's.add(n)', 's.addAll([n, n + 1])', 's.update([n])', 's.clear()', 's.addAll([])',
    // TL1: a partly consumed iterator.
    'for (const x of s.get()) { o(x); break }',
  ],
  map: [
    "o(s.get('m' + (n % 4)))", "s.put('m' + (n % 4), { n })", "s.remove('m' + (n % 4))", "o(s.contains('m' + (n % 3)))",
    'o([...s.entries()])', 'o([...s.keys()], [...s.values()])', 'o(s.isEmpty())', 's.clear()',
    "s.putAll({ ['m' + (n % 5)]: n, p: [n] })",
    // Removing while iterating the keys (JS Map iterator semantics on both backends).
    "for (const mk of s.keys()) { if (mk.length > 1 || n % 2 === 0) s.remove(mk); o(mk) }",
    "for (const [mk, mv] of s.entries()) { s.put(mk + 'x', mv); if (mk.length > 3) break }",
  ],
  reducing: ['o(s.get())', 's.add(n)', 's.clear()'],
  aggregating: ['o(s.get())', 's.add(n)', 's.clear()'],
}

/** The job: one keyed operator whose records (and timers) pick actions from a table built from the spec. */
export function jobSource(spec: JobSpec): string {
  const table: string[] = []
  spec.states.forEach((st, i) => {
    for (const a of ACTIONS[st.kind]) table.push(`(s, o, n, ctx) => { ${a} } /* s${i} */`)
  })
  const stateOf: number[] = []
  spec.states.forEach((st, i) => { for (let j = 0; j < ACTIONS[st.kind].length; j++) stateOf.push(i) })
  const timerActions: string[] = []
  for (const off of spec.eventTimerOffsets) {
    timerActions.push(`(ctx) => ctx.timerService().registerEventTimeTimer((ctx.timestamp() ?? 0) + ${off})`)
    timerActions.push(`(ctx) => ctx.timerService().deleteEventTimeTimer((ctx.timestamp() ?? 0) + ${off})`)
  }
  for (const off of spec.processingTimerOffsets) {
    timerActions.push(`(ctx) => ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + ${off})`)
    timerActions.push(`(ctx) => ctx.timerService().deleteProcessingTimeTimer(ctx.timerService().currentProcessingTime() + ${off})`)
  }
  if (spec.sideOutput) timerActions.push('(ctx, n) => ctx.output(side, [ctx.getCurrentKey(), n])')
  timerActions.push('(ctx, n, out) => out.collect([\'time\', ctx.timerService().currentWatermark(), ctx.timerService().currentProcessingTime()])')
  const wm = spec.watermark.kind === 'bounded'
    ? `WatermarkStrategy.forBoundedOutOfOrderness(${spec.watermark.ms})`
    : spec.watermark.kind === 'monotonous' ? 'WatermarkStrategy.forMonotonousTimestamps()' : 'WatermarkStrategy.noWatermarks()'
  return `import {
  KeyedProcessFunction, ValueStateDescriptor, ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor,
  AggregatingStateDescriptor, StateTtlConfig, Types, WatermarkStrategy, OutputTag, TimeDomain,
} from 'riffle'
const side = new OutputTag<unknown>('side')
const STATE_ACTIONS: Array<(s: any, o: (...x: unknown[]) => void, n: number, ctx: any) => void> = [
  ${table.join(',\n  ')},
]
const STATE_OF = ${JSON.stringify(stateOf)}
const CTX_ACTIONS: Array<(ctx: any, n: number, out: any) => void> = [
  ${timerActions.join(',\n  ')},
]
const ON_TIMER = ${JSON.stringify(spec.onTimerOps)}

class Random extends KeyedProcessFunction<unknown, any, unknown> {
  s: any[] = []
  open(ctx: any) {
${spec.states.map((st, i) => `    { const d = ${DESCRIPTOR[st.kind](`s${i}`)}; ${ttlCode(st.ttl)}; this.s[${i}] = ctx.${GETTER[st.kind]}(d) }`).join('\n')}
  }
  act(op: number, n: number, ctx: any, out: any, timers: boolean) {
    const all = STATE_ACTIONS.length + (timers ? CTX_ACTIONS.length : 0)
    const i = op % all
    if (i < STATE_ACTIONS.length) {
      const si = STATE_OF[i]
      STATE_ACTIONS[i](this.s[si], (...x) => out.collect(['s' + si, i, ...x]), n, ctx)
    } else {
      CTX_ACTIONS[i - STATE_ACTIONS.length](ctx, n, out)
    }
  }
  processElement(e: any, ctx: any, out: any) {
    for (const op of e.ops) this.act(op, e.n, ctx, out, true)
  }
  onTimer(ts: number, ctx: any, out: any) {
    out.collect(['timer', ts, ctx.timeDomain() === TimeDomain.EVENT_TIME ? 'event' : 'processing', ctx.getCurrentKey()])
    // No timers from onTimer: a chain of them would never end at the final watermark.
    for (const op of ON_TIMER) this.act(op + ts, ts % 7, ctx, out, false)
  }
}

export default function job(env: any) {
  return env.fromRecording()
    .assignTimestampsAndWatermarks(${wm}.withTimestampAssigner((e: any) => e.ts))
    .keyBy((e: any) => e.k)
    .process(new Random())
    .uid('random')
}
`
}
