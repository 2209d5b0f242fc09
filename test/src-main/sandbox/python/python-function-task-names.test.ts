// A PyFlink map, filter, flat_map or key_by function's open() gets its own operator's task name (the name the job
// gave it with .name(), else Flink's default for the operator), and its close() runs at the end of the run whether
// or not the job has a keyed operator. Before, each reported the keyed operator's name, or "Map" in a job without
// one, where close() was never called.
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { mainValues, runInline, runInlineError } from '../../helpers/run-inline'

beforeAll(async () => { await pythonRuntime() }, 300_000)

const FUNCTIONS = `from pyflink.datastream.functions import FilterFunction, FlatMapFunction, KeyedProcessFunction, KeySelector, MapFunction

NAMES = []


class Scale(MapFunction):
    def open(self, runtime_context):
        NAMES.append(runtime_context.get_task_name())

    def map(self, value):
        return value


class Big(FilterFunction):
    def open(self, runtime_context):
        NAMES.append(runtime_context.get_task_name())

    def filter(self, value):
        return True


class Twice(FlatMapFunction):
    def open(self, runtime_context):
        NAMES.append(runtime_context.get_task_name_with_subtasks())

    def flat_map(self, value):
        yield value


class ByK(KeySelector):
    def open(self, runtime_context):
        NAMES.append(runtime_context.get_task_name())

    def get_key(self, value):
        return value["k"]


class Echo(KeyedProcessFunction):
    def process_element(self, value, ctx):
        yield list(NAMES)


class Closing(MapFunction):
    def map(self, value):
        return value

    def close(self):
        raise RuntimeError("closed at the end")
`

describe('the task facts and close() of map, filter, flat_map and key_by functions', () => {
  it('each reports its own operator\'s name in a job with a keyed operator', async () => {
    const r = await runInline(`${FUNCTIONS}

def job(events):
    return events.map(Scale()).name("scale").filter(Big()).flat_map(Twice()).key_by(ByK()).process(Echo())
`, [{ k: 'a' }], { jobName: 'job.py' })
    expect(mainValues(r)).toEqual([['scale', 'Filter', 'Flat Map (1/1)', '_stream_key_by_map_operator']])
  }, 60_000)

  it('each reports its own operator\'s name in a job without one', async () => {
    const r = await runInline(`${FUNCTIONS}

def job(events):
    return events.map(Scale()).filter(Big()).name("big").map(lambda e: list(NAMES))
`, [{ k: 'a' }], { jobName: 'job.py' })
    expect(mainValues(r)).toEqual([['Map', 'big']])
  }, 60_000)

  it('close() runs at the end of a job without a keyed operator', async () => {
    const e = await runInlineError(`${FUNCTIONS}

def job(events):
    return events.map(Closing())
`, [{ k: 'a' }], { jobName: 'job.py' })
    expect(e).toMatchObject({ code: 'JOB_THREW', where: { line: 48 } })
    expect(e.message).toContain('RuntimeError: closed at the end')
  }, 60_000)

  it('close() runs at the end of a job with one', async () => {
    const e = await runInlineError(`${FUNCTIONS}

def job(events):
    return events.map(Closing()).key_by(lambda e: e["k"]).process(Echo())
`, [{ k: 'a' }], { jobName: 'job.py' })
    expect(e.message).toContain('RuntimeError: closed at the end')
  }, 60_000)
})
