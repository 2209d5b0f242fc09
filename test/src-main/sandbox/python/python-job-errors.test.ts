// A Python job's failures name the .py file's line, as a TypeScript job's do: syntax errors, exceptions in each
// function, values that are not JSON-compatible, bad key selectors and assigners, and a module without job(events).
import { describe, expect, it } from 'vitest'
import { runInline, runInlineError } from '../../helpers/run-inline'
import { events, PY, warmPython } from './python-job-fixture'

warmPython()

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
    expect(none.message).toMatch(/job\.py defines no function job\(events\)/)
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
