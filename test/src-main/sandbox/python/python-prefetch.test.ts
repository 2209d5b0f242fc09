// Pure key selectors and timestamp assigners of a Python job run ahead for a block of records while no debugger
// watches (python-bridge.ts, _riffle.prefetch_proxy): only functions whose early run cannot be told apart count
// as pure, an impure one still runs at its step, and an exception still stops the run at its own record.
import { beforeAll, describe, expect, it } from 'vitest'
import type { PyProxy } from 'pyodide/ffi'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { mainValues, runInline, runInlineError } from '../../helpers/run-inline'

const PY = { jobName: 'job.py' }

beforeAll(async () => { await pythonRuntime() }, 300_000)

describe('Python prefetch of pure record functions', () => {
  it('counts as pure only functions of the record that call nothing and read no global, closure or self', async () => {
    const py = await pythonRuntime()
    const check = py.runPython(`
import _riffle
G = 3
class A:
    k = "ts"
    def ts(self, value, previous):
        return value["ts"]
    def ts_self(self, value, previous):
        return value[self.k]
def closure():
    k = "u"
    return lambda e: e[k]
[_riffle.pure(f, n) for f, n in [
    (lambda e: e["user"], 1), (lambda e: f"{e['a']}-{e['b']}", 1), (lambda e: e["ts"] * 1000 if e["ts"] < 10 else e["ts"], 1),
    (A().ts, 2),
    (lambda e: e.get("user"), 1), (lambda e: str(e["user"]), 1), (lambda e: e["user"] + str(G), 1), (lambda e: G, 1),
    (closure(), 1), (A().ts_self, 2), (lambda e, k="user": e[k], 1), (lambda e: e["n"] ** e["m"], 1), (lambda e: e["user"], 2),
]]`) as PyProxy
    expect(check.toJs()).toEqual([true, true, true, true, false, false, false, false, false, false, false, false, false])
    check.destroy()
  })

  it('a pure key selector and assigner give the same output as called at each step', async () => {
    const job = `from pyflink.common import WatermarkStrategy, Duration
from pyflink.datastream.functions import KeyedProcessFunction

class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        yield [ctx.get_current_key(), ctx.timestamp(), value["n"]]

def job(events):
    return (events.assign_timestamps_and_watermarks(
                WatermarkStrategy.for_bounded_out_of_orderness(Duration.of_seconds(1)).with_timestamp_assigner(lambda e, t: e["ts"] * 1000))
            .key_by(lambda e: e["user"] + "!").process(F()))
`
    const events = Array.from({ length: 600 }, (_, i) => ({ ts: i, user: `u${i % 7}`, n: i }))
    const r = await runInline(job, events, PY)
    expect(mainValues(r)).toEqual(events.map((e) => [`${e.user}!`, e.ts * 1000, e.n]))
  })

  it('an impure key selector runs at its step, between the steps of the records before and after it', async () => {
    const job = `from pyflink.datastream.functions import KeyedProcessFunction

calls = []

def key(e):
    calls.append(e["n"])
    return e["user"]

class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        yield list(calls)

def job(events):
    return events.key_by(key).process(F())
`
    const events = Array.from({ length: 5 }, (_, i) => ({ user: 'a', n: i }))
    const r = await runInline(job, events, PY)
    expect(mainValues(r)).toEqual([[0], [0, 1], [0, 1, 2], [0, 1, 2, 3], [0, 1, 2, 3, 4]])
  })

  it("a pure assigner's exception stops the run at its own record, after the records before it", async () => {
    const job = `from pyflink.common import WatermarkStrategy
from pyflink.datastream.functions import KeyedProcessFunction

class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        yield value["n"]

def job(events):
    return (events.assign_timestamps_and_watermarks(
                WatermarkStrategy.for_monotonous_timestamps().with_timestamp_assigner(lambda e, t: e["ts"]))
            .key_by(lambda e: e["user"]).process(F()))
`
    const events: unknown[] = Array.from({ length: 300 }, (_, i) => ({ ts: i, user: 'a', n: i }))
    events[200] = { user: 'a', n: 200 }
    const e = await runInlineError(job, events, PY)
    expect(e.code).toBe('JOB_THREW')
    expect(e.message).toMatch(/KeyError: 'ts' at .*job\.py:10:/)
    expect(e.input).toEqual({ line: 201, value: { user: 'a', n: 200 }, text: '{"user":"a","n":200}' })
  })
})

describe('A Python key selector or assigner that only reads a field, while no debugger watches', () => {
  // The same job twice: `lambda e: e["k"]` is read in JavaScript (python-bridge.ts fieldAsPython), its twin
  // `(e["k"], 0)[0]` is pure but not a plain read, so Python computes it. Both must give the same keys and timestamps.
  const job = (key: string, ts: string): string => `from pyflink.common import WatermarkStrategy
from pyflink.datastream.functions import KeyedProcessFunction

class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        yield [ctx.get_current_key(), ctx.timestamp()]

def job(events):
    return (events.assign_timestamps_and_watermarks(
                WatermarkStrategy.for_monotonous_timestamps().with_timestamp_assigner(lambda e, t: ${ts}))
            .key_by(lambda e: ${key}).process(F()))
`
  const lines = [
    '{"k":"u1","ts":1}', '{"k":"ü😀","ts":2}', '{"k":7,"ts":3}', '{"k":-0.0,"ts":4}', '{"k":1.5,"ts":5}',
    '{"k":9007199254740991,"ts":6}', '{"k":1e300,"ts":7}', '{"k":"u1","ts":8,"k":"u2"}', '{"k":true,"ts":9}',
    '{"k":"__proto__","ts":10}', '{"ts":11,"k":[1,"a"]}', '{"k":-3,"ts":12}',
  ]

  it('gives the keys and timestamps Python gives for the same records', async () => {
    const fast = await runInline(job('e["k"]', 'e["ts"]'), lines, PY)
    const python = await runInline(job('(e["k"], 0)[0]', '(e["ts"], 0)[0]'), lines, PY)
    expect(fast.raw).toBe(python.raw)
    expect(mainValues(fast).map((v) => (v as unknown[])[0])).toEqual(['u1', 'ü😀', 7, 0, 1.5, 9007199254740991, 1e300, 'u2', true, '__proto__', [1, 'a'], -3])
  })

  it('a float timestamp in the line (12.0, 1e1) is the same TypeError in both', async () => {
    for (const ts of ['12.0', '1e1']) {
      const rec = ['{"k":"a","ts":1}', `{"k":"a","ts":${ts}}`]
      const fast = await runInlineError(job('e["k"]', 'e["ts"]'), rec, PY)
      const python = await runInlineError(job('e["k"]', '(e["ts"], 0)[0]'), rec, PY)
      expect(fast.message).toMatch(/the timestamp assigner returned (12|10)\.0, a float/)
      const said = (m: string): string => m.split(' at ')[0] // the temporary folders differ
      expect([said(fast.message), fast.where?.line, fast.input?.line]).toEqual([said(python.message), python.where?.line, 2])
    }
  })

  it('a record without the field still stops the run with KeyError at the selector\'s line', async () => {
    const e = await runInlineError(job('e["k"]', 'e["ts"]'), ['{"k":"a","ts":1}', '{"user":"a","ts":2}'], PY)
    expect(e.code).toBe('JOB_THREW')
    expect(e.message).toMatch(/KeyError: 'k' at .*job\.py:11:/)
    expect(e.input).toEqual({ line: 2, value: { user: 'a', ts: 2 }, text: '{"user":"a","ts":2}' })
  })
})
