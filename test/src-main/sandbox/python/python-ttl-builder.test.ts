// StateTtlConfig as PyFlink 2.x has it: the builder's use_processing_time() and the built config's getters
// (get_ttl, get_update_type, get_state_visibility, get_ttl_time_characteristic). Before, a job calling
// use_processing_time() stopped in open() with "'Builder' object has no attribute 'use_processing_time'".
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { mainValues, runInline } from '../../helpers/run-inline'

beforeAll(async () => { await pythonRuntime() }, 300_000)

const JOB = `from pyflink.common import Duration, Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import StateTtlConfig, ValueStateDescriptor


class Last(KeyedProcessFunction):
    def open(self, runtime_context):
        ttl = (StateTtlConfig.new_builder(Duration.of_seconds(10))
               .use_processing_time()
               .update_ttl_on_read_and_write()
               .build())
        self.facts = [ttl.get_ttl().to_milliseconds(), ttl.get_update_type().name, ttl.get_state_visibility().name,
                      ttl.get_ttl_time_characteristic().name, ttl.is_enabled()]
        d = ValueStateDescriptor("last", Types.LONG())
        d.enable_time_to_live(ttl)
        self.last = runtime_context.get_state(d)

    def process_element(self, value, ctx):
        before = self.last.value()
        self.last.update(value["ts"])
        yield self.facts + [before]


def job(events):
    return events.key_by(lambda e: e["k"]).process(Last())
`

describe('StateTtlConfig', () => {
  it('has use_processing_time() and the getters of PyFlink\'s config', async () => {
    // The records carry no timestamps: processing time stays 0 and nothing expires.
    const r = await runInline(JOB, [{ k: 'a', ts: 1 }, { k: 'a', ts: 2 }], { jobName: 'job.py' })
    const facts = [10_000, 'OnReadAndWrite', 'NeverReturnExpired', 'ProcessingTime', true]
    expect(mainValues(r)).toEqual([[...facts, null], [...facts, 1]])
  }, 60_000)
})
