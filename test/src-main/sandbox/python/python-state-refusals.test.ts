// The engine's refusal of a Python job's state call reaches the job as the exception PyFlink raises (TypeError,
// ValueError), so `except TypeError:` around the call catches it. Before, it arrived as Pyodide's JsException,
// which no such clause catches. Uncaught, it reports what it did before: the type, the message, the job line.
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { mainValues, runInline, runInlineError, writeCase } from '../../helpers/run-inline'
import { buildRiffleOnce, riffle } from '../../helpers/riffle-cli'

beforeAll(async () => { await pythonRuntime() }, 300_000)
buildRiffleOnce()

const job = (body: string): string => `from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ListStateDescriptor, MapStateDescriptor, ValueStateDescriptor


class Careful(KeyedProcessFunction):
    def open(self, runtime_context):
        self.l = runtime_context.get_list_state(ListStateDescriptor("l", Types.LONG()))
        self.m = runtime_context.get_map_state(MapStateDescriptor("m", Types.STRING(), Types.LONG()))

    def process_element(self, value, ctx):
${body}


def job(events):
    return events.key_by(lambda e: e["k"]).process(Careful())
`

describe('engine refusals of a Python job\'s state calls', () => {
  it.each([
    ['self.l.add(None)', 'TypeError', 'You cannot add null to a ListState.'],
    ['self.l.update([1, None])', 'TypeError', 'You cannot add null to a ListState.'],
    ['self.l.add_all(None)', 'TypeError', 'List of values to add cannot be null. (state "l", add_all)'],
    // put_all(None) read "'NoneType' object is not iterable"; the engine's refusal named the TypeScript putAll.
    ['self.m.put_all(None)', 'TypeError', 'state "m": put_all expects an iterable of [key, value] pairs'],
  ])('%s is caught by except %s', async (call, type, message) => {
    const r = await runInline(job(`        try:
            ${call}
        except ${type} as e:
            yield type(e).__name__ + ": " + str(e)`), [{ k: 'a' }], { jobName: 'job.py' })
    const [caught] = mainValues(r) as string[]
    expect(caught).toContain(`${type}: ${message}`)
  }, 60_000)

  it('a timer time the engine refuses is a TypeError the job can catch', async () => {
    const r = await runInline(job(`        try:
            ctx.timer_service().register_event_time_timer(1.5)
        except TypeError as e:
            yield str(e)`), [{ k: 'a' }], { jobName: 'job.py' })
    expect(mainValues(r)).toEqual([expect.stringContaining('register_event_time_timer(1.5): a timer\'s time is a whole number of milliseconds')])
  }, 60_000)

  it('state used in open() is a ValueError the job can catch', async () => {
    const r = await runInline(job(`        yield self.why`).replace(`Types.LONG()))
`, `Types.LONG()))
        try:
            self.l.update([0])
        except ValueError as e:
            self.why = str(e)
`), [{ k: 'a' }], { jobName: 'job.py' })
    expect(mainValues(r)).toEqual([expect.stringContaining('state "l": keyed state accessed outside process_element/on_timer')])
  }, 60_000)

  it('uncaught, reports the type, message and line it did', async () => {
    const e = await runInlineError(job(`        x = 1
        self.l.add(None)
        yield x`), [{ k: 'a' }], { jobName: 'job.py' })
    expect(e).toMatchObject({ code: 'JOB_THREW', where: { line: 13 } })
    expect(e.message).toContain('process_element threw TypeError: You cannot add null to a ListState. (state "l")')
  }, 60_000)
})

describe('a float in a ValueState declared Types.LONG() or Types.INT()', () => {
  // PyFlink writes such a state with its long (int) coder, which refuses any float: the seed article's Sessionizer
  // with `now / 1000` as its start, or a count grown by `+ 1.0`, fails on a cluster. Riffle stored it and read
  // it back as an int.
  const typed = (type: string, body: string): string => job(body).replace(
    '        self.m = runtime_context', `        self.v = runtime_context.get_state(ValueStateDescriptor("v", Types.${type}()))\n        self.m = runtime_context`)

  it.each([
    ['LONG', 'value["ts"] / 1000', /ValueState 'v'\.update\(1000\.0\): a float, where Types\.LONG\(\) is declared \(Flink's long\): its coder refuses a float on a cluster, even a whole one; make it an int \(int\(\.\.\.\), or \/\/ instead of \/\)/],
    ['INT', '(self.v.value() or 0) + 1.0', /ValueState 'v'\.update\(1\.0\): a float, where Types\.INT\(\) is declared \(Flink's int\)/],
    ['LONG', '1.5', /ValueState 'v'\.update\(1\.5\): a float/],
  ])('Types.%s(), update(%s), is a TypeError at the update\'s line', async (type, value, message) => {
    const err = await runInlineError(typed(type, `        self.v.update(${value})\n        yield self.v.value()`), ['{"k":"a","ts":1000000}'], { jobName: 'job.py' })
    expect(err.code).toBe('JOB_THREW')
    expect(err.message).toMatch(message)
    expect(err.where?.line).toBe(13)
  }, 60_000)

  it('an int or a bool is taken, a DOUBLE state takes a float, and the TypeError can be caught', async () => {
    const r = await runInline(typed('LONG', `        self.v.update(value["ts"] // 1000)
        yield self.v.value()
        self.v.update(True)
        yield self.v.value()
        try:
            self.v.update(2.0)
        except TypeError as e:
            yield str(e)[:26]
        yield self.v.value()`), ['{"k":"a","ts":1000000}'], { jobName: 'job.py' })
    expect(mainValues(r)).toEqual([1000, true, "ValueState 'v'.update(2.0)", true])
    const d = await runInline(typed('DOUBLE', '        self.v.update(ctx.timestamp() / 1000 if ctx.timestamp() else 2.5)\n        yield repr(self.v.value())'),
      ['{"k":"a"}'], { jobName: 'job.py' })
    expect(mainValues(d)).toEqual(['2.5'])
  }, 60_000)
})

describe('a value its declared type\'s coder refuses, in any state', () => {
  // PyFlink writes each state with the coder of its declared type: a str where Types.STRING() is declared, an int
  // beyond 32 bits where Types.INT() is, a float in a list, map or reducing state of an integer type fail on a
  // cluster (pyflink/fn_execution/coder_impl_fast.pyx: IntCoderImpl's int32, BigIntCoderImpl's int64, CharCoderImpl's
  // value.encode). Riffle kept them as JSON holds them.
  const states = (body: string): string => `from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor, ValueStateDescriptor


class F(KeyedProcessFunction):
    def open(self, rc):
        self.s = rc.get_state(ValueStateDescriptor("s", Types.STRING()))
        self.i = rc.get_state(ValueStateDescriptor("i", Types.INT()))
        self.l = rc.get_list_state(ListStateDescriptor("l", Types.LONG()))
        self.m = rc.get_map_state(MapStateDescriptor("m", Types.STRING(), Types.INT()))
        self.r = rc.get_reducing_state(ReducingStateDescriptor("r", lambda a, b: a + b, Types.LONG()))

    def process_element(self, value, ctx):
${body}
        yield 1


def job(events):
    return events.key_by(lambda e: e["k"]).process(F())
`

  it.each([
    ['self.s.update(5)', /ValueState 's'\.update\(5\): an int where Types\.STRING\(\) is declared: PyFlink's string coder takes only a str \(str\(\.\.\.\)\)/],
    ['self.i.update(value["ts"])', /ValueState 'i'\.update\(1708848000000\): beyond Types\.INT\(\)'s range \(Flink's int: -2147483648 to 2147483647\), which PyFlink's int coder refuses on a cluster: declare Types\.LONG\(\)/],
    ['self.i.update("3")', /ValueState 'i'\.update\('3'\): a str where Types\.INT\(\) is declared: PyFlink's int coder takes only an int/],
    ['self.l.add(1.5)', /ListState 'l'\.add\(1\.5\): a float, where Types\.LONG\(\) is declared \(Flink's long\): its coder refuses a float/],
    ['self.l.add_all([1, 2.0])', /ListState 'l'\.add_all\(values\): 2\.0: a float, where Types\.LONG\(\) is declared/],
    ['self.l.update([3.0])', /ListState 'l'\.update\(values\): 3\.0: a float, where Types\.LONG\(\) is declared/],
    ['self.m.put("a", 2.5)', /MapState 'm'\.put\(key, 2\.5\): a float, where Types\.INT\(\) is declared \(Flink's int\)/],
    ['self.m["a"] = 1.0', /MapState 'm'\.put\(key, 1\.0\): a float/],
    ['self.m.put_all({"a": 1, "b": 2**40})', /MapState 'm'\.put_all\(entries\): 1099511627776: beyond Types\.INT\(\)'s range/],
    ['self.r.add(value["ts"] / 1000)', /ReducingState 'r'\.add\(1708848000\.0\): a float, where Types\.LONG\(\) is declared/],
  ])('%s is a TypeError at its line', async (call, message) => {
    const err = await runInlineError(states(`        ${call}`), [{ k: 'a', ts: 1708848000000 }], { jobName: 'job.py' })
    expect(err.code).toBe('JOB_THREW')
    expect(err.message).toMatch(message)
    expect(err.where?.line).toBe(15)
  }, 60_000)

  it('what the coders take is kept: a str, an int within 32 bits, a bool, None items left to the engine', async () => {
    const r = await runInline(states(`        self.s.update("x")
        self.i.update(2**31 - 1)
        self.l.add_all([1, True])
        self.m.put_all({"a": -2**31})
        self.r.add(2)
        self.r.add(3)
        yield [self.s.value(), self.i.value(), self.l.get(), self.m.get("a"), self.r.get()]
        try:
            self.l.update([1, None])
        except TypeError as e:
            yield str(e)`), [{ k: 'a', ts: 1 }], { jobName: 'job.py' })
    expect(mainValues(r)).toEqual([['x', 2 ** 31 - 1, [1, true], -(2 ** 31), 5], expect.stringContaining('You cannot add null to a ListState.'), 1])
  }, 60_000)
})

// A job with a LONG-keyed MapState, a STRING-keyed one of Row values, a LONG ReducingState whose reduce function
// averages, and a LONG AggregatingState whose add makes a float; `body` is process_element's (line 25).
const declaredJob = (body: string): string => `from pyflink.common import Row, Types
from pyflink.datastream.functions import AggregateFunction, KeyedProcessFunction
from pyflink.datastream.state import AggregatingStateDescriptor, MapStateDescriptor, ReducingStateDescriptor


class Total(AggregateFunction):
    def create_accumulator(self):
        return 0

    def add(self, value, accumulator):
        return accumulator + value * 1.0

    def get_result(self, accumulator):
        return accumulator


class F(KeyedProcessFunction):
    def open(self, rc):
        self.m = rc.get_map_state(MapStateDescriptor("m", Types.LONG(), Types.STRING()))
        self.s = rc.get_map_state(MapStateDescriptor("s", Types.STRING(), Types.ROW_NAMED(["n"], [Types.INT()])))
        self.r = rc.get_reducing_state(ReducingStateDescriptor("r", lambda a, b: (a + b) / 2, Types.LONG()))
        self.a = rc.get_aggregating_state(AggregatingStateDescriptor("a", Total(), Types.LONG()))

    def process_element(self, value, ctx):
${body}
        yield 1


def job(events):
    return events.key_by(lambda e: e["k"]).process(F())
`
const refusedAt = async (call: string, line: number, message: RegExp): Promise<void> => {
  const err = await runInlineError(declaredJob(`        ${call}`), [{ k: 'a', n: 3 }], { jobName: 'job.py' })
  expect(err.code).toBe('JOB_THREW')
  expect(err.message).toMatch(message)
  expect(err.where?.line).toBe(line)
}

describe("a MapState's key its declared key type refuses", () => {
  // PyFlink encodes a MapState's key with its declared key type's coder for every call that takes one (a put's or
  // remove's when its writes are flushed, a get's or contains' to look it up: fn_execution/state_impl.py
  // InternalSynchronousMapRuntimeState): Riffle checked only the values.
  it.each([
    ['self.m.put(value["n"] / 2, "x")', 25, /MapState 'm'\.put\(1\.5, value\): a float, where Types\.LONG\(\) is declared \(Flink's long\)/],
    ['self.m[value["n"] * 1.0] = "x"', 25, /MapState 'm'\.put\(3\.0, value\): a float, where Types\.LONG\(\) is declared/],
    ['self.m.get("3")', 25, /MapState 'm'\.get\('3'\): a str where Types\.LONG\(\) is declared: PyFlink's long coder takes only an int/],
    ['self.m.put_all({1: "x", 2.5: "y"})', 25, /MapState 'm'\.put_all\(entries\), a key: 2\.5: a float, where Types\.LONG\(\) is declared/],
    ['self.s.put(7, Row(n=1))', 25, /MapState 's'\.put\(7, value\): an int where Types\.STRING\(\) is declared/],
    ['self.s.contains(7)', 25, /MapState 's'\.contains\(7\): an int where Types\.STRING\(\) is declared/],
    ['del self.s[7]', 25, /MapState 's'\.remove\(7\): an int where Types\.STRING\(\) is declared/],
  ])('%s is a TypeError at line %i', refusedAt, 60_000)

  it('keys of the declared type are kept, and a refused one can be caught', async () => {
    const r = await runInline(declaredJob(`        self.m.put(value["n"], "x")
        self.m[2**40] = "y"
        self.m.put_all({True: "z"})
        self.s.put("a", Row(n=1))
        try:
            self.m.put(1.0, "w")
        except TypeError as e:
            yield str(e)[:21]
        yield [sorted(self.m.keys()), self.m.get(3), self.s.contains("a")]`), [{ k: 'a', n: 3 }], { jobName: 'job.py' })
    expect(mainValues(r)).toEqual(["MapState 'm'.put(1.0,", [[true, 3, 2 ** 40], 'x', true], 1])
  }, 60_000)

  it('riffle run exits 1 naming the put\'s line', () => {
    const c = writeCase(declaredJob('        self.m.put(value["n"] / 2, "x")'), [{ k: 'a', n: 3 }], { jobName: 'job.py' })
    const r = riffle('run', c.jobPath, c.recordingPath, '--out', '-')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/job\.py:25\b/)
    expect(r.stderr).toMatch(/MapState 'm'\.put\(1\.5, value\): a float, where Types\.LONG\(\) is declared/)
  }, 120_000)
})

describe("a reduce function's result, an accumulator or a declared Row's field its declared type refuses", () => {
  // PyFlink writes what a ReducingState's reduce function returns, and an AggregatingState's accumulator, with the
  // state's declared type's coder (fn_execution/state_impl.py SynchronousReducingRuntimeState.add,
  // SynchronousAggregatingRuntimeState.add), and a Row's fields with their types' coders: Riffle checked only what
  // add() is given, and a declared Row's shape.
  it.each([
    ['self.r.add(2)\n        self.r.add(value["n"])', 21, /the reduce function's result is 2\.5: a float, where Types\.LONG\(\) is declared/],
    ['self.a.add(value["n"])', 11, /the accumulator is 3\.0: a float, where Types\.LONG\(\) is declared/],
    ['self.s.put("a", Row(n=2**40))', 25, /MapState 's' \(field 'n'\) is 1099511627776: beyond Types\.INT\(\)'s range/],
  ])('%s is a TypeError at line %i', refusedAt, 60_000)

  it("a reduce function of no job code (operator.truediv) is refused at the add that called it", async () => {
    const job = declaredJob('        self.r.add(2)\n        self.r.add(value["n"])')
      .replace('from pyflink.common', 'import operator\nfrom pyflink.common').replace('lambda a, b: (a + b) / 2', 'operator.truediv')
    const err = await runInlineError(job, [{ k: 'a', n: 3 }], { jobName: 'job.py' })
    expect(err.message).toMatch(/the reduce function's result is 0\.6666666666666666: a float, where Types\.LONG\(\) is declared/)
    expect(err.where?.line).toBe(27)
  }, 60_000)

  it('results of the declared type are kept', async () => {
    const r = await runInline(declaredJob(`        self.r.add(2)
        self.r.add(4)
        self.a.add(value["n"])
        self.s.put("a", Row(n=1))
        yield [self.r.get(), self.a.get(), self.s.get("a").n]`).replace('value * 1.0', 'value').replace('(a + b) / 2', '(a + b) // 2'),
    [{ k: 'a', n: 3 }], { jobName: 'job.py' })
    expect(mainValues(r)).toEqual([[3, 3, 1], 1])
  }, 60_000)

  it("riffle run exits 1 naming the reduce function's line", () => {
    const c = writeCase(declaredJob('        self.r.add(2)\n        self.r.add(value["n"])'), [{ k: 'a', n: 3 }], { jobName: 'job.py' })
    const r = riffle('run', c.jobPath, c.recordingPath, '--out', '-')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/job\.py:21\b/)
    expect(r.stderr).toMatch(/the reduce function's result is 2\.5: a float, where Types\.LONG\(\) is declared/)
  }, 120_000)
})
