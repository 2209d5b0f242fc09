// An error the engine raises for a Python job's call names the job's own callbacks: state used in open() or close()
// is "outside process_element/on_timer", not the TypeScript names processElement/onTimer, which the .py file has not.
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { runInlineError } from '../../helpers/run-inline'

beforeAll(async () => { await pythonRuntime() }, 300_000)

const JOB = `from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor


class Primed(KeyedProcessFunction):
    def open(self, runtime_context):
        self.count = runtime_context.get_state(ValueStateDescriptor("count", Types.LONG()))
        self.count.update(0)

    def process_element(self, value, ctx):
        yield value


def job(events):
    return events.key_by(lambda e: e["k"]).process(Primed())
`

describe('engine errors in a Python job', () => {
  it('name process_element and on_timer, as the job file does', async () => {
    const e = await runInlineError(JOB, [{ k: 'a' }], { jobName: 'job.py' })
    expect(e).toMatchObject({ code: 'JOB_THREW', where: { line: 9 } })
    expect(e.message).toContain('state "count": keyed state accessed outside process_element/on_timer')
    expect(e.message).toContain('use state only inside process_element or on_timer')
    expect(e.message).not.toMatch(/processElement|onTimer/)
  }, 60_000)
})
