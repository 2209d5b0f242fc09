// A Python job that registers one state name as two kinds of state sees the Python view of the refusal: the
// exception type a Python user catches, at the .py line. Before, it read "open threw Error: ...", a JavaScript type.
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { mainValues, runInline, runInlineError } from '../../helpers/run-inline'

beforeAll(async () => { await pythonRuntime() }, 300_000)

const job = (second: string): string => `from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ListStateDescriptor, ValueStateDescriptor


class Twice(KeyedProcessFunction):
    def open(self, runtime_context):
        self.seen = runtime_context.get_list_state(ListStateDescriptor("seen", Types.LONG()))
${second}

    def process_element(self, value, ctx):
        yield getattr(self, "why", "none")


def job(events):
    return events.key_by(lambda e: e["k"]).process(Twice())
`

describe('a state name registered twice in a Python job', () => {
  it('is a ValueError at the registering line', async () => {
    const e = await runInlineError(job('        self.count = runtime_context.get_state(ValueStateDescriptor("seen", Types.LONG()))'),
      [{ k: 'a' }], { jobName: 'job.py' })
    expect(e).toMatchObject({ code: 'JOB_THREW', where: { line: 9 } })
    expect(e.message).toContain('open threw ValueError: state "seen" of operator')
    expect(e.message).toContain('is already registered as list state without TTL; it cannot be registered again as value state')
    expect(e.message).not.toContain('threw Error')
  }, 60_000)

  it('can be caught as a ValueError', async () => {
    const r = await runInline(job(`        try:
            runtime_context.get_state(ValueStateDescriptor("seen", Types.LONG()))
        except ValueError as e:
            self.why = "refused"`), [{ k: 'a' }], { jobName: 'job.py' })
    expect(mainValues(r)).toEqual(['refused'])
  }, 60_000)
})
