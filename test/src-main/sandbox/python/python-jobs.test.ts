// Python jobs on the real engine in real Pyodide: every state kind, TTL, timers and side outputs give the same
// output as the same job written in TypeScript; the seed's out.collect form works; and every kind of failure
// (syntax, exception, non-JSON value, missing job) names the .py file's line as a TypeScript job's does.
import { beforeAll, describe, expect, it } from 'vitest'
import type { StepTrace } from '../../../../src-main/common/trace-api'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { openInline, RIFFLE, runInline, runInlineError } from '../../helpers/run-inline'

const PY = { jobName: 'job.py' }

// Pyodide's cold start (seconds; far more on a loaded machine) is paid here once, not by the first test.
beforeAll(async () => { await pythonRuntime() }, 300_000)

const events = [
  { ts: 1000, user: 'a', kind: 'x', n: 1 },
  { ts: 2000, user: 'b', kind: 'y', n: 2 },
  { ts: 3000, user: 'a', kind: 'y', n: 3 },
  { ts: 4000, user: 'a', kind: 'x', n: 4 },
  { ts: 5000, user: 'b', kind: 'x', n: 5 },
  { $watermark: 10_000 },
  { ts: 90_000, user: 'a', kind: 'z', n: 6 },
]

const PY_ALL_KINDS = `
from pyflink.common import Duration, Time, Types, WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner
from pyflink.datastream import OutputTag
from pyflink.datastream.functions import AggregateFunction, KeyedProcessFunction
from pyflink.datastream.state import (AggregatingStateDescriptor, ListStateDescriptor, MapStateDescriptor,
                                      ReducingStateDescriptor, StateTtlConfig, ValueStateDescriptor)

late = OutputTag("timers", Types.STRING())

class Avg(AggregateFunction):
    def create_accumulator(self):
        return [0, 0]
    def add(self, value, acc):
        return [acc[0] + value, acc[1] + 1]
    def get_result(self, acc):
        return acc[0] / acc[1]

class AllKinds(KeyedProcessFunction):
    def open(self, rc):
        ttl = StateTtlConfig.new_builder(Time.seconds(30)).set_update_type(StateTtlConfig.UpdateType.OnReadAndWrite).build()
        last = ValueStateDescriptor("last", Types.STRING())
        last.enable_time_to_live(ttl)
        self.last = rc.get_state(last)
        self.kinds = rc.get_list_state(ListStateDescriptor("kinds", Types.STRING()))
        self.per_kind = rc.get_map_state(MapStateDescriptor("per_kind", Types.STRING(), Types.LONG()))
        self.total = rc.get_reducing_state(ReducingStateDescriptor("total", lambda a, b: a + b, Types.LONG()))
        self.avg = rc.get_aggregating_state(AggregatingStateDescriptor("avg", Avg(), Types.LIST(Types.LONG())))

    def process_element(self, e, ctx):
        before = self.last.value()
        self.last.update(e["kind"])
        self.kinds.add(e["kind"])
        self.per_kind.put(e["kind"], (self.per_kind.get(e["kind"]) or 0) + 1)
        self.total.add(e["n"])
        self.avg.add(e["n"])
        ctx.timer_service().register_event_time_timer(ctx.timestamp() + 500)
        yield {"key": ctx.get_current_key(), "before": before, "kinds": list(self.kinds.get()),
               "map": sorted(self.per_kind.items()), "has_x": self.per_kind.contains("x"),
               "total": self.total.get(), "avg": self.avg.get(), "ts": ctx.timestamp(),
               "wm": ctx.timer_service().current_watermark() > 0}

    def on_timer(self, timestamp, ctx):
        yield late, f"{ctx.get_current_key()}@{timestamp} {ctx.time_domain().name}"
        if timestamp > 5000:
            self.per_kind.remove("x")
            self.kinds.update(["reset"])

class Ts(TimestampAssigner):
    def extract_timestamp(self, value, record_timestamp):
        return value["ts"]

def job(events):
    s = (events.assign_timestamps_and_watermarks(WatermarkStrategy.for_bounded_out_of_orderness(Duration.of_millis(0))
                                                 .with_timestamp_assigner(Ts()))
         .key_by(lambda e: e["user"]).process(AllKinds()))
    return s
`

const TS_ALL_KINDS = `${RIFFLE}
const late = new OutputTag<string>('timers')
class AllKinds extends KeyedProcessFunction<any, any, any> {
  last: any; kinds: any; perKind: any; total: any; avg: any
  open(rc: any) {
    const ttl = StateTtlConfig.newBuilder(Time.seconds(30)).setUpdateType(StateTtlConfig.UpdateType.OnReadAndWrite).build()
    const last = new ValueStateDescriptor('last', Types.STRING)
    last.enableTimeToLive(ttl)
    this.last = rc.getState(last)
    this.kinds = rc.getListState(new ListStateDescriptor('kinds', Types.STRING))
    this.perKind = rc.getMapState(new MapStateDescriptor('per_kind', Types.STRING, Types.LONG))
    this.total = rc.getReducingState(new ReducingStateDescriptor('total', (a: number, b: number) => a + b, Types.LONG))
    this.avg = rc.getAggregatingState(new AggregatingStateDescriptor('avg', {
      createAccumulator: () => [0, 0], add: (v: number, acc: number[]) => [acc[0] + v, acc[1] + 1], getResult: (acc: number[]) => acc[0] / acc[1],
    }, Types.LIST(Types.LONG)))
  }
  processElement(e: any, ctx: any, out: any) {
    const before = this.last.value()
    this.last.update(e.kind)
    this.kinds.add(e.kind)
    this.perKind.put(e.kind, (this.perKind.get(e.kind) ?? 0) + 1)
    this.total.add(e.n)
    this.avg.add(e.n)
    ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 500)
    out.collect({ key: ctx.getCurrentKey(), before, kinds: [...this.kinds.get()],
      map: [...this.perKind.entries()].sort(), has_x: this.perKind.contains('x'),
      total: this.total.get(), avg: this.avg.get(), ts: ctx.timestamp(), wm: ctx.timerService().currentWatermark() > 0 })
  }
  onTimer(t: number, ctx: any, out: any) {
    ctx.output(late, \`\${ctx.getCurrentKey()}@\${t} \${ctx.timeDomain()}\`)
    if (t > 5000) { this.perKind.remove('x'); this.kinds.update(['reset']) }
  }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(0)).withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.user).process(new AllKinds())
`

describe('a Python job runs on the same engine as a TypeScript job', () => {
  it('value (with TTL), list, map, reducing and aggregating state, timers and a side output match the TS twin byte for byte', async () => {
    const py = await runInline(PY_ALL_KINDS, events, PY)
    const ts = await runInline(TS_ALL_KINDS, events)
    expect(py.out.length).toBeGreaterThan(events.length)
    expect(py.out.filter((l) => l.tag === 'timers').length).toBe(events.filter((e) => 'ts' in e).length)
    expect(py.raw).toBe(ts.raw)
  })

  it("the seed article's out.collect form works, and map/filter/flat_map and tuples (as lists) pass through", async () => {
    const job = `
from pyflink.datastream.functions import KeyedProcessFunction, MapFunction

class Double(MapFunction):
    def map(self, value):
        return {"user": value["user"], "n": value["n"] * 2}

class Count(KeyedProcessFunction):
    def process_element(self, value, ctx, out):
        out.collect((ctx.get_current_key(), value["n"]))

def job(events):
    return (events.filter(lambda e: e["n"] % 2 == 1).map(Double())
            .flat_map(lambda e: [e, e]).key_by(lambda e: e["user"]).process(Count()))
`
    const r = await runInline(job, events, PY)
    expect(r.out.map((l) => l.value)).toEqual([['a', 2], ['a', 2], ['a', 6], ['a', 6], ['b', 10], ['b', 10]])
  })
})

describe('errors name the Python line', () => {
  const rec = [{ user: 'a', n: 1 }]

  it('a SyntaxError is a compile error at its line and column, as the editor marks a TS compile error', async () => {
    const e = await runInlineError('def job(events):\n    return events.key_by(lambda e: e["user"]\n\nx = (\n', rec, PY)
    expect(e.code).toBe('JOB_COMPILE')
    expect(e.message).toMatch(/^the job does not compile:\n.*job\.py:2:\d+: SyntaxError: /)
    expect(e.where).toMatchObject({ line: 2 })
    expect(e.where!.file).toMatch(/job\.py$/)
  })

  it('an exception in process_element names the job line, the exception type and message, and the input record', async () => {
    const job = `from pyflink.datastream.functions import KeyedProcessFunction

class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        ratio = value["n"] / (value["n"] - 1)
        yield ratio

def job(events):
    return events.key_by(lambda e: e["user"]).process(F())
`
    const e = await runInlineError(job, rec, PY)
    expect(e.code).toBe('JOB_THREW')
    expect(e.message).toMatch(/^process_element threw ZeroDivisionError: division by zero at .*job\.py:5:\d+/)
    expect(e.where).toMatchObject({ line: 5 })
    // The record as the job read it too: its line's text (common/input-text.ts).
    expect(e.input).toEqual({ line: 1, value: { user: 'a', n: 1 }, text: '{"user":"a","n":1}' })
  })

  it('an exception in open and in on_timer name their lines', async () => {
    const job = (openBody: string, timerBody: string): string => `from pyflink.datastream.functions import KeyedProcessFunction

class F(KeyedProcessFunction):
    def open(self, rc):
        ${openBody}
    def process_element(self, value, ctx):
        ctx.timer_service().register_processing_time_timer(5)
        yield value
    def on_timer(self, timestamp, ctx):
        ${timerBody}

def job(events):
    return events.key_by(lambda e: e["user"]).process(F())
`
    const open = await runInlineError(job('raise KeyError("nope")', 'pass'), rec, PY)
    expect(open.message).toMatch(/^open threw KeyError: 'nope' at .*job\.py:5:/)
    const timer = await runInlineError(job('pass', 'yield [][1]'), [{ user: 'a', n: 1 }, { $processingTime: 10 }], PY)
    expect(timer.message).toMatch(/^on_timer threw IndexError: list index out of range at .*job\.py:10:/)
  })

  it('a value that is not JSON-compatible is an error at the line that stored or yielded it', async () => {
    const job = (body: string): string => `from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor

class F(KeyedProcessFunction):
    def open(self, rc):
        self.v = rc.get_state(ValueStateDescriptor("v"))
    def process_element(self, value, ctx):
        x = 1
        ${body}

def job(events):
    return events.key_by(lambda e: e["user"]).process(F())
`
    const stored = await runInlineError(job('self.v.update({"s": {1, 2}})'), rec, PY)
    expect(stored.message).toMatch(/a set is not JSON-compatible.* at .*job\.py:9:/)
    const yielded = await runInlineError(job('yield 2 ** 60'), rec, PY)
    expect(yielded.message).toMatch(/the int 1152921504606846976 is beyond 2\*\*53.* at .*job\.py:9:/)
    const nan = await runInlineError(job('yield float("nan")'), rec, PY)
    expect(nan.message).toMatch(/nan is not JSON-compatible.* at .*job\.py:9:/)
  })

  it('a dict key that is not a str is an error at its line, not silently made a string (which read back as another key)', async () => {
    const job = (body: string): string => `from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import MapStateDescriptor, ValueStateDescriptor

class F(KeyedProcessFunction):
    def open(self, rc):
        self.v = rc.get_state(ValueStateDescriptor("v"))
        self.m = rc.get_map_state(MapStateDescriptor("m"))
    def process_element(self, value, ctx):
        x = 1
        ${body}

def job(events):
    return events.key_by(lambda e: e["user"]).process(F())
`
    // Counts by hour kept in a dict: JSON would store {9: 1} as {"9": 1}, so counts.get(9, 0) read back 0, forever.
    const stored = await runInlineError(job('self.v.update({"by_hour": {9: 1}})'), rec, PY)
    expect(stored).toMatchObject({ code: 'JOB_THREW', where: { line: 10 } })
    expect(stored.message).toMatch(/ValueState 'v'\.update\(value\): the dict key 9 \(int\) is not a str \(JSON would store it as the string "9"\).* at .*job\.py:10:/)
    const yielded = await runInlineError(job('yield [{True: "yes"}]'), rec, PY)
    expect(yielded.message).toMatch(/the dict key True \(bool\) is not a str.* at .*job\.py:10:/)
    const mapValue = await runInlineError(job('self.m.put("k", {None: 1})'), rec, PY)
    expect(mapValue.message).toMatch(/MapState 'm'\.put\(key, value\): the dict key None \(NoneType\) is not a str.* at .*job\.py:10:/)
    // A MapState's own keys may be ints (they are stored as JSON and read back as ints), and str keys are fine.
    const ok = await runInline(job('self.m.put(9, {"a": [1, {"b": 2}]})\n        yield [self.m.get(9), list(self.m.keys())]'), rec, PY)
    expect(ok.out.map((o) => o.value)).toEqual([[{ a: [1, { b: 2 }] }, [9]]])
  })

  it('a key selector that returns None, and an assigner that returns no number, name their job lines', async () => {
    const job = (key: string): string => `from pyflink.common import WatermarkStrategy
from pyflink.datastream.functions import KeyedProcessFunction

class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        yield value

def job(events):
    return (events
            .assign_timestamps_and_watermarks(WatermarkStrategy.for_monotonous_timestamps()
                                              .with_timestamp_assigner(lambda e, t: e["ts"]))
            .key_by(lambda e: ${key})
            .process(F()))
`
    const noKey = await runInlineError(job('e.get("userId")'), [{ user: 'a', ts: 1 }], PY)
    expect(noKey.message).toMatch(/^key_by key selector threw TypeError: Assigned key must not be null!.* at .*job\.py:12$/m) // no column: Python tells the line
    expect(noKey.where).toMatchObject({ line: 12 })
    // A datetime said 'JobValueError: the timestamp: a datetime is not JSON-compatible', at no line.
    const dt = await runInlineError(`from datetime import datetime
from pyflink.common import WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner
from pyflink.datastream.functions import KeyedProcessFunction

class T(TimestampAssigner):
    def extract_timestamp(self, value, record_timestamp):
        return datetime.fromisoformat(value["ts"])

class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        yield value

def job(events):
    return (events.assign_timestamps_and_watermarks(WatermarkStrategy.for_monotonous_timestamps().with_timestamp_assigner(T()))
            .key_by(lambda e: e["user"]).process(F()))
`, [{ user: 'a', ts: '2024-02-25T08:00:00+00:00' }], PY)
    expect(dt).toMatchObject({ code: 'JOB_THREW', where: { line: 7 } })
    expect(dt.message).toMatch(/^timestamp assigner threw TypeError: the timestamp assigner returned datetime\(2024, 2, 25, 8, 0, tzinfo=datetime\.timezone\.utc\) \(datetime\); it must return a number of milliseconds \(int\(dt\.timestamp\(\) \* 1000\) for a datetime\) at .*job\.py:7/m)
    const isoTs = await runInlineError(job('e["user"]'), [{ user: 'a', ts: '2024-02-25T08:00:00Z' }], PY)
    expect(isoTs.message).toMatch(/^timestamp assigner threw TypeError: the timestamp assigner returned "2024-02-25T08:00:00Z".* at .*job\.py:11$/m)
    expect(isoTs.where).toMatchObject({ line: 11 })
  })
  it('a class passed where an instance belongs (process(F), key_by(K), with_timestamp_assigner(T)) names the line and the fix', async () => {
    const job = (process: string, key: string, assigner: string): string => `from pyflink.common import WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner
from pyflink.datastream.functions import KeyedProcessFunction, KeySelector

class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        yield value

class K(KeySelector):
    def get_key(self, value):
        return value["user"]

class T(TimestampAssigner):
    def extract_timestamp(self, value, record_timestamp):
        return value["ts"]

def job(events):
    return (events
            .assign_timestamps_and_watermarks(WatermarkStrategy.for_monotonous_timestamps()
                                              .with_timestamp_assigner(${assigner}))
            .key_by(${key})
            .process(${process}))
`
    // Each failed at the first record with no job line: "open threw TypeError: Function.open() missing 1 required
    // positional argument: 'runtime_context'", "K() takes no arguments", "T() takes no arguments".
    for (const [args, line, message] of [
      [['F', 'K()', 'T()'], 22, 'process() expects a KeyedProcessFunction instance: pass F(), not the class F'],
      [['F()', 'K', 'T()'], 21, 'key_by expects a KeySelector instance: pass K(), not the class K'],
      [['F()', 'K()', 'T'], 20, 'with_timestamp_assigner expects a TimestampAssigner instance: pass T(), not the class T'],
    ] as const) {
      const e = await runInlineError(job(args[0], args[1], args[2]), [{ user: 'a', ts: 1 }], PY)
      expect(e).toMatchObject({ code: 'JOB_THREW', where: { line } })
      expect(e.message).toContain(`TypeError: ${message}`)
    }
  })


  it('a module without job(events), and one that raises while loading, say so', async () => {
    const none = await runInlineError('x = 1\n', rec, PY)
    expect(none).toMatchObject({ code: 'BAD_ARGUMENT' })
    expect(none.message).toMatch(/must define a function job\(events\)/)
    const raising = await runInlineError('import os\nraise RuntimeError("at import")\n', rec, PY)
    expect(raising.message).toMatch(/threw while loading: RuntimeError: at import at .*job\.py:2:/)
    expect(raising.message).not.toContain('standard library')
    // numpy, or a module of the user's beside the job: not there, and the message says why.
    const missing = await runInlineError('import json\nimport numpy as np\n', rec, PY)
    expect(missing).toMatchObject({ code: 'JOB_THREW', where: { line: 2 } })
    expect(missing.message).toMatch(/ModuleNotFoundError: No module named 'numpy' at .*job\.py:2:1 \(Riffle runs a Python job with Python's standard library and its own pyflink only/)
    // A PyFlink name that is not in Riffle's pyflink: what it has, not "other packages cannot be imported" (the
    // window module), nor nothing at all (StreamExecutionEnvironment).
    for (const line of ['from pyflink.datastream import StreamExecutionEnvironment', 'from pyflink.datastream.window import TumblingEventTimeWindows']) {
      const pyflink = await runInlineError(`import json\n${line}\n`, rec, PY)
      expect(pyflink).toMatchObject({ code: 'JOB_THREW', where: { line: 2 } })
      expect(pyflink.message).toMatch(/job\.py:2:1 \(Riffle's pyflink has the names of a keyed process job only, docs\/python-jobs\.md: the recording comes to job\(events\), so no StreamExecutionEnvironment, and no windows, joins, connectors or Table API\)/)
    }
  })

  it('a job(events) that returns no DataStream (a missing return) is BAD_ARGUMENT naming its line, not INTERNAL', async () => {
    // It said "riffle: INTERNAL: job(events) must return a DataStream ..., got NoneType" with a WebAssembly stack.
    const none = await runInlineError('import os\n\ndef job(events):\n    events.key_by(lambda e: e["user"])\n', rec, PY)
    expect(none).toMatchObject({ code: 'BAD_ARGUMENT', where: { line: 3 } })
    expect(none.message).toMatch(/job\.py:3: job\(events\) must return the DataStream that is the job's output, got None \(a missing return\?\)\n/)
    const five = await runInlineError('def job(events):\n    return 5\n', rec, PY)
    expect(five).toMatchObject({ code: 'BAD_ARGUMENT', where: { line: 1 } })
    expect(five.message).toContain('got int')
  })
})

describe('a Python job in the debugger', () => {
  it('steps, shows state and timers, steps back and seeks, as a TypeScript job does', async () => {
    const s = await openInline(PY_ALL_KINDS, events, PY)
    try {
      const first = await s.step({ kind: 'step' })
      expect(first.taken).toBe(1)
      await s.step({ kind: 'step' })
      await s.step({ kind: 'step' })
      const op = (await s.operators()).find((o) => o.kind === 'process')!
      const a = await s.keyState(op.id, JSON.stringify('a'))
      expect(a).not.toBeNull()
      expect(JSON.stringify(a)).toContain('per_kind')
      const timers = await s.timers(0, 10)
      expect(timers.total).toBeGreaterThan(0)
      const back = await s.stepBack()
      expect(back.status.step).toBe(2)
      const seek = await s.seek(1)
      expect(seek.status.step).toBe(1)
      const outs = await s.outputs(0, 10)
      expect(outs.items[0].value).toMatchObject({ key: 'a', before: null, kinds: ['x'] })
    } finally {
      await s.close()
    }
  })
})

describe("a Python step's trace", () => {
  // ctx.timestamp() is a call the job makes, as in a TypeScript job: traced where the job makes it, each time,
  // with its .py line; a step whose job never asks for it has no such entry.
  const job = `from pyflink.common import Duration, WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor

class F(KeyedProcessFunction):
    def open(self, rc):
        self.v = rc.get_state(ValueStateDescriptor("v"))
    def process_element(self, value, ctx):
        if value["n"] == 1:
            return
        now = ctx.timestamp()  # read
        self.v.update(now)
        ctx.timer_service().register_event_time_timer(ctx.timestamp() + 1)  # timer
        yield now
    def on_timer(self, timestamp, ctx):
        yield ctx.timestamp()  # fired

class Ts(TimestampAssigner):
    def extract_timestamp(self, value, record_timestamp):
        return value["ts"]

def job(events):
    return (events.assign_timestamps_and_watermarks(WatermarkStrategy.for_bounded_out_of_orderness(Duration.of_millis(0))
                                                    .with_timestamp_assigner(Ts()))
            .key_by(lambda e: e["user"]).process(F()))
`
  const line = (marker: string): number => job.split('\n').findIndex((l) => l.includes(marker)) + 1

  it('every entry carries its .py line, ctx.timestamp() included, once per call and only when the job calls it', async () => {
    const s = await openInline(job, [{ ts: 1000, user: 'a', n: 1 }, { ts: 2000, user: 'a', n: 2 }, { $watermark: 10_000 }], PY)
    try {
      await s.step({ kind: 'end' })
      const last = (await s.status()).step
      const traces: StepTrace[] = []
      for (let step = 1; step <= last; step++) traces.push(await s.trace(step))
      const entries = traces.flatMap((t) => t.entries)
      expect(entries.length).toBeGreaterThan(0)
      for (const e of entries) expect(e.where?.line, `${e.call} at step ${traces.find((t) => t.entries.includes(e))?.step}`).toEqual(expect.any(Number))
      const at = (kind: string) => traces.find((t) => t.kind === kind && t.entries.length > 0)!.entries.map((e) => `${e.kind}@${e.where?.line}`)
      expect(traces[0].entries).toEqual([]) // the first record returns before asking for its timestamp
      expect(at('record')).toEqual([`timeRead@${line('# read')}`, `stateWrite@${line('# read') + 1}`,
        `timeRead@${line('# timer')}`, `timerRegister@${line('# timer')}`, `output@${line('# timer') + 1}`])
      expect(at('timer')).toEqual([`timeRead@${line('# fired')}`, `output@${line('# fired')}`])
    } finally {
      await s.close()
    }
  })
})

describe("a Python step's trace writes outputs as the job emits them", () => {
  const job = (form: string): string => `from pyflink.common import Types
from pyflink.datastream import OutputTag
from pyflink.datastream.functions import KeyedProcessFunction

odd = OutputTag("odd", Types.LONG())

class F(KeyedProcessFunction):
${form}

def job(events):
    return events.key_by(lambda e: e["user"]).process(F())
`
  const calls = async (source: string): Promise<string[]> => {
    const s = await openInline(source, [{ user: 'a', n: 1 }], PY)
    try {
      await s.step({ kind: 'step' })
      return (await s.trace(1)).entries.filter((e) => e.kind === 'output').map((e) => e.call)
    } finally {
      await s.close()
    }
  }

  it('yield v and yield tag, v (the trace said out.collect(v) and ctx.output("odd", v), which the .py file has not)', async () => {
    expect(await calls(job(`    def process_element(self, value, ctx):
        yield {"n": value["n"], "ok": True}
        yield odd, value["n"]`))).toEqual(["yield {'n': 1, 'ok': True}", 'yield OutputTag("odd"), 1'])
    // An iterable returned instead of a generator: PyFlink emits its items, as a yield each.
    expect(await calls(job(`    def process_element(self, value, ctx):
        return [None]`))).toEqual(['yield None'])
  })

  it('the value yielded in Python\'s repr, as print writes it (a PyFlink Row with its fields sorted by name; it was the JSON the engine keeps: ["a",3])', async () => {
    // Here "odd" is undeclared: its Types.LONG() refuses the tuple, as PyFlink's long coder does.
    expect(await calls(`from pyflink.common import Row
${job(`    def process_element(self, value, ctx):
        yield value["user"], 3
        yield [value["n"] * 1.0, None, "it's"]
        yield Row(user=value["user"], n=2)
        yield odd, (value["n"],)`).replace('OutputTag("odd", Types.LONG())', 'OutputTag("odd")')}`)).toEqual(["yield ('a', 3)", `yield [1.0, None, "it's"]`, "yield Row(n=2, user='a')", 'yield OutputTag("odd"), (1,)'])
    // The seed article's out.collect(v) too; a long value is cut as any value in a trace.
    const collected = await calls(job(`    def process_element(self, value, ctx, out):
        out.collect((value["user"], 2.5))
        out.collect(tuple(range(100)))`))
    expect(collected[0]).toBe("out.collect(('a', 2.5))")
    expect(collected[1]).toMatch(/^out\.collect\(\(0, 1, 2, .*…\)$/)
  })

  it('an iterable returned is at the line of its return (the trace had ? for its outputs), else at the def', async () => {
    const lines = async (form: string): Promise<(number | undefined)[]> => {
      const s = await openInline(job(form), [{ user: 'a', n: 1 }], PY)
      try {
        await s.step({ kind: 'step' })
        return (await s.trace(1)).entries.filter((e) => e.kind === 'output').map((e) => e.where?.line)
      } finally {
        await s.close()
      }
    }
    // Line 8 is the def; an empty return emits nothing, so it does not make the return ambiguous.
    expect(await lines(`    def process_element(self, value, ctx):
        if value["n"] > 5:
            return []
        n = value["n"]
        return [n, n + 1]`)).toEqual([12, 12])
    expect(await lines(`    def process_element(self, value, ctx):
        if value["n"] > 5:
            return [0]
        return [value["n"]]`)).toEqual([8])
    // A value that cannot be emitted is the return's error (it named no line).
    const err = await runInlineError(job(`    def process_element(self, value, ctx):
        n = value["n"]
        return [n, {n}]`), [{ user: 'a', n: 1 }], PY)
    expect(err.message).toMatch(/a set is not JSON-compatible/)
    expect(err.where?.line).toBe(10)
  })

  it("the seed article's out.collect(v) stays out.collect(v)", async () => {
    expect(await calls(job(`    def process_element(self, value, ctx, out):
        out.collect(value["n"])`))).toEqual(['out.collect(1)'])
  })
})

describe("the job line of a Python job's calls, for hooks inside them", () => {
  it('the job\'s call-site locator gives an observer the .py line of each state, timer and output call', async () => {
    const { openRun } = await import('../../../../src-main/engine/runtime/open-run')
    const { writeCase } = await import('../../helpers/run-inline')
    const c = writeCase(`from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor

class F(KeyedProcessFunction):
    def open(self, rc):
        self.v = rc.get_state(ValueStateDescriptor("v"))
    def process_element(self, value, ctx):
        n = self.v.value()
        self.v.update(1)
        ctx.timer_service().register_event_time_timer(5)
        yield n
    def on_timer(self, ts, ctx):
        yield from ()

def job(events):
    return events.key_by(lambda e: e["user"]).process(F())
`, [{ user: 'a' }], PY)
    const opened = await openRun({
      jobPath: c.jobPath, recordingPath: c.recordingPath, skipBadLines: false, backend: 'heap',
      processingTime: 'follow', drainProcessingTimers: false, observable: true,
    })
    const seen: string[] = []
    const pythonJobLine = (): number => opened.run.callSites.here()?.line ?? 0
    opened.run.observe({
      beforeStateCall: (_meta, _key, method) => { seen.push(`${method.name}@${pythonJobLine()}`) },
      onTimerCall: (_op, _action, domain) => { seen.push(`timer ${domain}@${pythonJobLine()}`) },
      onOutput: (_src, tag) => { const line = pythonJobLine(); if (line > 0) seen.push(`output ${String(tag)}@${line}`) },
    })
    await opened.run.runToEnd()
    await opened.close()
    expect(seen).toEqual(['value@8', 'update@9', 'timer EVENT_TIME@10', 'output null@11'])
    expect(pythonJobLine()).toBe(0)
    expect(opened.run.callSites.stackHere()).toEqual([])
  })
})

describe('breakpoints of a Python job are written in Python', () => {
  const job = `from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor

class Count(KeyedProcessFunction):
    def open(self, rc):
        self.count = rc.get_state(ValueStateDescriptor("count", Types.LONG()))
    def process_element(self, value, ctx):
        self.count.update((self.count.value() or 0) + 1)
        yield value

def job(events):
    return events.key_by(lambda e: e["user"]).process(Count()).uid("count")
`

  it('an event condition, a state condition over the state names, a log message, and the errors', async () => {
    const s = await openInline(job, events.filter((e) => 'user' in e), PY)
    try {
      expect(await s.setBreakpoints([{ id: 'e', kind: 'event', expression: 'event["kind"] == "y" and event["user"] == "a"' }])).toEqual([{ id: 'e', ok: true }])
      const hit = (await s.step({ kind: 'continue' })).breakpointHit!
      expect(hit.step).toBe(3)
      await s.setBreakpoints([{ id: 's', kind: 'state', expression: 'count >= 3' }])
      const stateHit = (await s.step({ kind: 'continue' })).breakpointHit!
      expect(stateHit.step).toBe(4)
      expect(stateHit.keyStr).toBe('"a"')
      await s.setBreakpoints([{ id: 'lp', kind: 'event', expression: 'True', log: 'f"{key}:{event[\'n\'] * 10}"' }])
      const hits = await s.logpointHits('lp')
      expect(hits.map((h) => h.value)).toEqual(['a:10', 'b:20', 'a:30', 'a:40'])
      const bad = await s.setBreakpoints([{ id: 'bad', kind: 'event', expression: 'event[' }])
      expect(bad[0]).toMatchObject({ ok: false })
      expect(bad[0].error).toMatch(/does not compile/)
      await s.setBreakpoints([{ id: 'throws', kind: 'event', expression: 'event["missing"] > 1' }])
      const thrown = (await s.step({ kind: 'continue' })).breakpointHit!
      expect(thrown.error).toMatch(/KeyError: 'missing'/)
    } finally {
      await s.close()
    }
  })
})
