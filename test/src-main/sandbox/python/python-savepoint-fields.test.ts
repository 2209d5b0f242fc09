// Loading a savepoint into a debug session of a Python job that has already run (real Pyodide): a savepoint holds Flink
// state only, so the job's self.seen and its module's globals are as open() left them, as `riffle run --from-savepoint`
// has them (a Flink job restarted from a savepoint builds its functions anew), not as the session had them.
// The steps are in helpers/savepoint-fields-case.ts (the TypeScript twin: savepoint-job-fields.test.ts).
import { describe, it } from 'vitest'
import type { WatchValue } from '../../../../src-main/common/debug-api'
import { checkFieldsAfterLoad } from '../../helpers/savepoint-fields-case'
import { PY, eventTimeKeyedBy, warmPython } from './python-job-fixture'

warmPython()

const JOB = `from pyflink.common import Types, WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor

total = 0

class Count(KeyedProcessFunction):
    def __init__(self):
        self.seen = 0
        self.log = []

    def open(self, runtime_context):
        self.log.append("open")
        self.count = runtime_context.get_state(ValueStateDescriptor("count", Types.LONG()))

    def process_element(self, e, ctx):
        global total
        total += 1
        self.seen += 1
        self.log.append(e["k"])
        self.count.update((self.count.value() or 0) + 1)
        yield [e["k"], self.seen, self.count.value(), "".join(self.log), total]

${eventTimeKeyedBy('k', '.process(Count())')}`

// A Python watch's value is its repr (a str quoted).
const shown = (w: WatchValue): unknown => w.text ?? w.error

describe('a savepoint loaded into a Python session that ran on', () => {
  it('restarts self.seen and the module globals as open() left them, as riffle run --from-savepoint does', async () => {
    await checkFieldsAfterLoad({ job: JOB, caseOptions: PY, backend: 'heap', watch: 'f"{self.seen}:{\'\'.join(self.log)}:{total}"', shown, afterOpen: "'0:open:0'" })
  }, 120_000)
})
