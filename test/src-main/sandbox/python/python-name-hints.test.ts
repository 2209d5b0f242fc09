// A PyFlink name the job uses without importing it (the seed article's Sessionizer block prints no import of
// ValueStateDescriptor or Types: they are in an earlier snippet) is a NameError that says which import gives it.
import { describe, expect, it } from 'vitest'
import { runInlineError } from '../../helpers/run-inline'
import { PY, warmPython } from './python-job-fixture'

warmPython()

const rec = [{ ts: 1000, user_id: 'u1' }]

const job = (imports: string, openBody: string, top = ''): string => `${imports}
from pyflink.datastream.functions import KeyedProcessFunction
${top}
class Sessionizer(KeyedProcessFunction):
    def open(self, ctx):
        ${openBody}

    def process_element(self, event, ctx):
        yield event

def job(events):
    return events.key_by(lambda e: e["user_id"]).process(Sessionizer())
`

describe('a NameError of a PyFlink name says which import gives it', () => {
  it('ValueStateDescriptor in open, not imported: the import from pyflink.datastream.state', async () => {
    const e = await runInlineError(job('from pyflink.common.typeinfo import Types', 'self.n = ctx.get_state(ValueStateDescriptor("n", Types.LONG()))'), rec, PY)
    expect(e.code).toBe('JOB_THREW')
    expect(e.message).toMatch(/^open threw NameError: name 'ValueStateDescriptor' is not defined \(PyFlink's: from pyflink\.datastream\.state import ValueStateDescriptor\) at .*job\.py:6:/)
  })

  it('Types, not imported: from pyflink.common', async () => {
    const e = await runInlineError(job('from pyflink.datastream.state import ValueStateDescriptor', 'self.n = ctx.get_state(ValueStateDescriptor("n", Types.LONG()))'), rec, PY)
    expect(e.message).toContain("NameError: name 'Types' is not defined (PyFlink's: from pyflink.common import Types)")
  })

  it('at the module\'s top level (an OutputTag), while loading', async () => {
    const e = await runInlineError(job('', 'pass', 'late = OutputTag("late")\n'), rec, PY)
    expect(e.message).toMatch(/threw while loading: NameError: name 'OutputTag' is not defined \(PyFlink's: from pyflink\.datastream import OutputTag\) at .*job\.py:3:/)
  })

  it('a name of the job\'s own (a typo) has no import to suggest', async () => {
    const e = await runInlineError(job('', 'self.n = coutn'), rec, PY)
    expect(e.message).toMatch(/NameError: name 'coutn' is not defined at /)
  })
})
