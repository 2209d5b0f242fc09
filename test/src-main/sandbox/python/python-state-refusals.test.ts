// The engine's refusal of a Python job's state call reaches the job as the exception PyFlink raises (TypeError,
// ValueError), so `except TypeError:` around the call catches it. Before, it arrived as Pyodide's JsException,
// which no such clause catches. Uncaught, it reports what it did before: the type, the message, the job line.
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { mainValues, runInline, runInlineError } from '../../helpers/run-inline'

beforeAll(async () => { await pythonRuntime() }, 300_000)

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
