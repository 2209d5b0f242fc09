// A PyFlink job's metrics (runtime_context.get_metrics_group(): counters, meters, distributions, gauges) and
// get_job_parameter run in Riffle as on a cluster: they count in the job's Python, and Riffle reports them nowhere.
// Before, open() stopped the run with "'RiffleRuntimeContext' object has no attribute 'get_metrics_group'".
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { mainValues, runInline } from '../../helpers/run-inline'

beforeAll(async () => { await pythonRuntime() }, 300_000)

const JOB = `from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction, RuntimeContext
from pyflink.datastream.state import ValueStateDescriptor
from pyflink.metrics import Counter, MetricGroup


class Counted(KeyedProcessFunction):
    def open(self, runtime_context: RuntimeContext):
        group = runtime_context.get_metrics_group()
        self.kinds = [isinstance(group, MetricGroup)]
        self.seen = group.add_group("riffle").counter("seen")
        self.kinds.append(isinstance(self.seen, Counter))
        self.rate = group.meter("rate", time_span_in_seconds=30)
        self.sizes = group.add_group("user", "a").distribution("sizes")
        group.gauge("last", lambda: 1)
        self.mode = runtime_context.get_job_parameter("mode", "replay")
        self.count = runtime_context.get_state(ValueStateDescriptor("count", Types.LONG()))

    def process_element(self, value, ctx):
        self.seen.inc()
        self.seen.inc(2)
        self.seen.dec()
        self.rate.mark_event()
        self.sizes.update(len(value["k"]))
        yield self.kinds + [self.seen.get_count(), self.rate.get_count(), self.mode]


def job(events):
    return events.key_by(lambda e: e["k"]).process(Counted())
`

describe('PyFlink metrics', () => {
  it('get_metrics_group() gives working counters, meters, distributions and gauges; get_job_parameter its default', async () => {
    const r = await runInline(JOB, [{ k: 'a' }, { k: 'b' }], { jobName: 'job.py' })
    expect(mainValues(r)).toEqual([[true, true, 2, 1, 'replay'], [true, true, 4, 2, 'replay']])
  }, 60_000)
})
