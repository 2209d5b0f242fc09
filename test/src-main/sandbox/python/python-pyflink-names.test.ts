// PyFlink names users copy into a job, as PyFlink 2.x has them: Types.SQL_DATE/SQL_TIME/SQL_TIMESTAMP/INSTANT, RowKind,
// RowTypeInfo (what Types.ROW and ROW_NAMED give), and the RuntimeContext's task facts (subtask index and
// parallelism of the run: 0 of 1, or the subtask's share under --parallelism; max parallelism 128).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runJob } from '../../../../src-main/cli/run-job'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { mainValues, runInline, writeCase } from '../../helpers/run-inline'

beforeAll(async () => { await pythonRuntime() }, 300_000)

const JOB = `from pyflink.common import Row, RowKind, Types
from pyflink.common.typeinfo import RowTypeInfo
from pyflink.datastream.functions import KeyedProcessFunction, RuntimeContext
from pyflink.datastream.state import ValueStateDescriptor


class C(KeyedProcessFunction):
    def open(self, rc: RuntimeContext):
        self.facts = [rc.get_index_of_this_subtask(), rc.get_number_of_parallel_subtasks(),
                      rc.get_max_number_of_parallel_subtasks(), rc.get_task_name(), rc.get_task_name_with_subtasks(),
                      rc.get_attempt_number()]
        self.v = rc.get_state(ValueStateDescriptor("d", Types.SQL_DATE()))
        rc.get_state(ValueStateDescriptor("t", Types.SQL_TIME()))
        rc.get_state(ValueStateDescriptor("ts", Types.SQL_TIMESTAMP()))
        rc.get_state(ValueStateDescriptor("instant", Types.INSTANT()))

    def process_element(self, e, ctx):
        named = Types.ROW_NAMED(["a", "b"], [Types.STRING(), Types.LONG()])
        plain = RowTypeInfo([Types.INT()])
        row = Row(1, 2)
        before = row.get_row_kind()
        row.set_row_kind(RowKind.UPDATE_AFTER)
        yield self.facts + [isinstance(named, RowTypeInfo), named.get_field_names(), named.get_arity(),
                            named.get_field_index("b"), plain.get_field_names(), isinstance(Types.ROW([Types.INT()]), RowTypeInfo),
                            str(before), str(row.get_row_kind()), RowKind.DELETE.value, RowKind.UPDATE_BEFORE.short_string()]


def job(events):
    return events.key_by(lambda e: e["k"]).process(C()).name("counter")
`

const rest = [true, ['a', 'b'], 2, 1, ['f0'], true, 'RowKind.INSERT', 'RowKind.UPDATE_AFTER', 3, '-U']

describe('PyFlink names', () => {
  it('a single run is subtask 0 of 1, max parallelism 128; the types, RowKind and RowTypeInfo are PyFlink\'s', async () => {
    const r = await runInline(JOB, [{ k: 'a' }], { jobName: 'job.py' })
    expect(mainValues(r)).toEqual([[0, 1, 128, 'counter', 'counter (1/1)', 0, ...rest]])
  }, 60_000)

  it('a subtask of --parallelism 2 knows its index and the parallelism', async () => {
    const c = writeCase(JOB, [{ k: 'a' }, { k: 'b' }, { k: 'c' }, { k: 'd' }], { jobName: 'job.py' })
    const out = join(c.dir, 'out.jsonl')
    await runJob({ jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', out, processingTime: 'follow',
      drainProcessingTimers: false, skipBadLines: false, keyGroups: { index: 1, of: 2 } })
    const facts = readFileSync(out, 'utf8').split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { value: unknown[] }).value.slice(0, 5))
    expect(facts.length).toBeGreaterThan(0)
    for (const f of facts) expect(f).toEqual([1, 2, 128, 'counter', 'counter (2/2)'])
  }, 60_000)
})
