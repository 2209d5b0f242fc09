// A Python job's ListState.update(None) and add_all(None) are refused with Flink's L4/L5 message at the job's line,
// as a TypeScript job's update(null) is (naming add_all, as the job calls it). Before, Python's list(None) ran
// first: "'NoneType' object is not iterable".
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { runInlineError } from '../../helpers/run-inline'

beforeAll(async () => { await pythonRuntime() }, 300_000)

const job = (call: string): string => `from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ListStateDescriptor


class Keep(KeyedProcessFunction):
    def open(self, runtime_context):
        self.seen = runtime_context.get_list_state(ListStateDescriptor("seen", Types.LONG()))

    def process_element(self, value, ctx):
        self.seen.${call}
        yield value


def job(events):
    return events.key_by(lambda e: e["k"]).process(Keep())
`

describe('ListState with None in a Python job', () => {
  it.each([
    ['update(None)', 'List of values to add cannot be null. (state "seen", update)'],
    ['add_all(None)', 'List of values to add cannot be null. (state "seen", add_all)'],
    ['add(None)', 'You cannot add null to a ListState. (state "seen")'],
  ])('%s is refused with Flink\'s message at the call\'s line', async (call, message) => {
    const e = await runInlineError(job(call), [{ k: 'a' }], { jobName: 'job.py' })
    expect(e).toMatchObject({ code: 'JOB_THREW', where: { line: 11 } })
    expect(e.message).toContain(`TypeError: ${message}`)
    expect(e.message).not.toContain('not iterable')
  }, 60_000)
})
