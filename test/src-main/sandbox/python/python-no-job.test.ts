// A Python module without job(events), as the seed article prints its Sessionizer (the class, no pipeline): the error
// says what Riffle wants and gives a job(events) to paste that calls the module's own class, and that example runs.
import { describe, expect, it } from 'vitest'
import { runInline, runInlineError } from '../../helpers/run-inline'
import { PY, warmPython } from './python-job-fixture'

warmPython()

const ARTICLE = `from pyflink.common.typeinfo import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor

class Sessionizer(KeyedProcessFunction):
    def open(self, ctx):
        self.event_count = ctx.get_state(ValueStateDescriptor("event_count", Types.LONG()))

    def process_element(self, event, ctx, out):
        self.event_count.update((self.event_count.value() or 0) + 1)
        out.collect({"user_id": ctx.get_current_key(), "n": self.event_count.value()})
`

const rec = [{ ts: 1000, user_id: 'u1' }, { ts: 2000, user_id: 'u1' }, { ts: 3000, user_id: 'u2' }]

describe('a Python job module without job(events)', () => {
  it('names what is missing and gives an example job(events) calling the module\'s own KeyedProcessFunction, which runs as given', async () => {
    const e = await runInlineError(ARTICLE, rec, PY)
    expect(e.code).toBe('BAD_ARGUMENT')
    expect(e.message).toMatch(/job\.py defines no function job\(events\): Riffle hands the recording to job\(events\), which builds the pipeline/)
    expect(e.message).toContain('.process(Sessionizer()))')
    const example = e.message.slice(e.message.indexOf('for example:\n\n') + 'for example:\n\n'.length)
    expect(example.startsWith('from pyflink.common import')).toBe(true)
    const run = await runInline(`${ARTICLE}\n\n${example}\n`, rec, PY)
    expect(run.out.map((o) => o.value)).toEqual([{ user_id: 'u1', n: 1 }, { user_id: 'u1', n: 2 }, { user_id: 'u2', n: 1 }])
  })

  it('a module whose job is no function says what it is; one without a keyed function has a placeholder name', async () => {
    const e = await runInlineError('job = 3\n', rec, PY)
    expect(e.message).toMatch(/job\.py defines job as a int, not a function job\(events\)/)
    expect(e.message).toContain('.process(MyKeyedProcessFunction()))')
  })
})
