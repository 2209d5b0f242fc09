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
