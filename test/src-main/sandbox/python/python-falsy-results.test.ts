// What a Python function's result emits when it is falsy (0, False, '', [], None) or no iterable at all, as PyFlink's
// emit code does: a keyed process_element's result goes through `if results: for result in results`
// (pyflink/fn_execution/datastream/process/input_handler.py _emit_results), so a falsy one emits nothing; on_timer's
// and flat_map's go through `yield from` (TimerHandler._on_event_time; data_stream.py FlatMapProcessFunctionAdapter),
// so 0 or False fail there; a map's result is emitted as it is. Riffle said "'int' object is not iterable" at no line.
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { mainValues, runInline, runInlineError } from '../../helpers/run-inline'

const PY = { jobName: 'job.py' }
const EVENTS = [{ k: 'a', ts: 1000 }, { k: 'b', ts: 2000 }]

beforeAll(async () => { await pythonRuntime() }, 300_000)

/** process_element returns ELEMENT (line 7), on_timer returns TIMER (line 10). */
const keyed = (element: string, timer: string): string => `from pyflink.common import WatermarkStrategy
from pyflink.datastream.functions import KeyedProcessFunction

class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        ctx.timer_service().register_event_time_timer(value["ts"] + 1)
        return ${element}

    def on_timer(self, ts, ctx):
        return ${timer}

def job(events):
    return (events.assign_timestamps_and_watermarks(
                WatermarkStrategy.for_monotonous_timestamps().with_timestamp_assigner(lambda e, t: e["ts"]))
            .key_by(lambda e: e["k"]).process(F()))
`

/** An on_timer returning None (line 9): only its `if` returns a list. */
const NONE_TIMER_JOB = `from pyflink.common import WatermarkStrategy
from pyflink.datastream.functions import KeyedProcessFunction

class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        ctx.timer_service().register_event_time_timer(value["ts"] + 1)
        yield value["k"]

    def on_timer(self, ts, ctx):
        if ts < 0:
            return [ts]
        self.seen = ts

def job(events):
    return (events.assign_timestamps_and_watermarks(
                WatermarkStrategy.for_monotonous_timestamps().with_timestamp_assigner(lambda e, t: e["ts"]))
            .key_by(lambda e: e["k"]).process(F()))
`

describe('a falsy result', () => {
  it.each(['0', 'False', "''", '[]', '()', 'None'])('process_element returning %s emits nothing, as PyFlink\'s `if results:`', async (v) => {
    expect(mainValues(await runInline(keyed(v, '[ts]'), EVENTS, PY))).toEqual([1001, 2001])
  })

  it.each(["''", '[]'])('on_timer returning %s emits nothing', async (v) => {
    expect(mainValues(await runInline(keyed('[value["k"]]', v), EVENTS, PY))).toEqual(['a', 'b'])
  })

  it.each([['0', 'int'], ['False', 'bool']])('on_timer returning %s is a TypeError at its return line, as PyFlink\'s `yield from` fails', async (v, type) => {
    const err = await runInlineError(keyed('[]', v), EVENTS, PY)
    expect(err.code).toBe('JOB_THREW')
    expect(err.where?.line).toBe(10)
    expect(err.message).toMatch(new RegExp(`TypeError: on_timer returned ${v} \\(${type}\\), which is not iterable: .*yield`))
  })

  it('process_element returning a truthy non-iterable (5) is a TypeError at its return line', async () => {
    const err = await runInlineError(keyed('5', '[]'), EVENTS, PY)
    expect(err.code).toBe('JOB_THREW')
    expect(err.where?.line).toBe(7)
    expect(err.message).toMatch(/TypeError: process_element returned 5 \(int\), which is not iterable: .*yield/)
  })

  it('a map returning 0, False or an empty string emits it, as PyFlink\'s map emits its one result', async () => {
    const job = (v: string): string => `def job(events):
    return events.map(lambda e: ${v})
`
    expect(mainValues(await runInline(job('0'), EVENTS, PY))).toEqual([0, 0])
    expect(mainValues(await runInline(job('False'), EVENTS, PY))).toEqual([false, false])
    expect(mainValues(await runInline(job("''"), EVENTS, PY))).toEqual(['', ''])
  })

  it("flat_map returning '' or [] emits nothing; 0 or False is a TypeError at the function's return line", async () => {
    const job = (v: string): string => `def split(e):
    return ${v}

def job(events):
    return events.flat_map(split)
`
    expect(mainValues(await runInline(job("''"), EVENTS, PY))).toEqual([])
    expect(mainValues(await runInline(job('[]'), EVENTS, PY))).toEqual([])
    for (const [v, type] of [['0', 'int'], ['False', 'bool']]) {
      const err = await runInlineError(job(v), EVENTS, PY)
      expect(err.code).toBe('JOB_THREW')
      expect(err.where?.line).toBe(2)
      expect(err.message).toMatch(new RegExp(`TypeError: flat_map's function returned ${v} \\(${type}\\), which is not iterable: .*yield`))
    }
  })

  // PyFlink runs on_timer and a flat_map function through `yield from`, which fails on None: an on_timer that only
  // clears state (no yield) fails on a cluster when its timer fires, with "'NoneType' object is not iterable".
  it('on_timer returning None (no yield) is a TypeError at its def line; the seed article\'s out form may return None', async () => {
    const job = NONE_TIMER_JOB
    const err = await runInlineError(job, EVENTS, PY)
    expect(err.code).toBe('JOB_THREW')
    expect(err.where?.line).toBe(9)
    expect(err.message).toMatch(/TypeError: on_timer returned None, which is not iterable: PyFlink runs on_timer through `yield from`, .*`yield from \(\)`/)
    const out = job.replace('def on_timer(self, ts, ctx):', 'def on_timer(self, ts, ctx, out):')
    expect(mainValues(await runInline(out, EVENTS, PY))).toEqual(['a', 'b'])
  })

  it('a timer fired on a class with no on_timer is a TypeError at its class line, as PyFlink\'s base on_timer returns None', async () => {
    // The job of the test before, without its on_timer.
    const job = NONE_TIMER_JOB.replace(/\n {4}def on_timer[^]*?\n\n/, '\n\n')
    expect(job).not.toContain('on_timer')
    const err = await runInlineError(job, EVENTS, PY)
    expect(err.code).toBe('JOB_THREW')
    expect(err.where?.line).toBe(4)
    expect(err.message).toMatch(/TypeError: a timer fired, but F has no on_timer: .*`yield from \(\)`/)
    // Without a timer nothing fails: PyFlink calls on_timer only when one fires.
    expect(mainValues(await runInline(job.replace(/\n {8}ctx\.timer_service\(\).*\n/, '\n'), EVENTS, PY))).toEqual(['a', 'b'])
  })

  it("flat_map's function returning None is a TypeError at its def line", async () => {
    const job = `def split(e):
    if e["ts"] < 0:
        return [e]

def job(events):
    return events.flat_map(split)
`
    const err = await runInlineError(job, EVENTS, PY)
    expect(err.code).toBe('JOB_THREW')
    expect(err.where?.line).toBe(1)
    expect(err.message).toMatch(/TypeError: flat_map's function returned None, which is not iterable/)
  })
})
