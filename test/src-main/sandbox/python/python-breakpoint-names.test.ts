// A Python job's breakpoint condition that names what it cannot see (a local of the job's method, `n`) says which
// names it can use: event, key and the key's state names, and on a line breakpoint the line's local variables.
import { describe, expect, it } from 'vitest'
import { openInline } from '../../helpers/run-inline'

const JOB = `from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor

class Count(KeyedProcessFunction):
    def open(self, rc):
        self.count = rc.get_state(ValueStateDescriptor("count", Types.LONG()))
        self.last = rc.get_state(ValueStateDescriptor("last", Types.STRING()))
    def process_element(self, value, ctx):
        n = (self.count.value() or 0) + 1
        self.count.update(n)
        self.last.update(value["kind"])
        yield value

def job(events):
    return events.key_by(lambda e: e["user"]).process(Count())
`

describe("a Python job's breakpoint condition naming what it cannot see", () => {
  it('says the expression can use event, key and the state names', async () => {
    const s = await openInline(JOB, [{ user: 'a', kind: 'x' }, { user: 'a', kind: 'y' }], { jobName: 'job.py' })
    try {
      await s.setBreakpoints([{ id: 'local', kind: 'state', expression: 'n >= 2' }])
      const hit = (await s.step({ kind: 'continue' })).breakpointHit!
      expect(hit.error).toBe("breakpoint expression threw: NameError: name 'n' is not defined: the expression can use event (also as value, process_element's name for it), key, the state names (count, last) and the job module's names")
    } finally {
      await s.close()
    }
  }, 120_000)

  it('on a line breakpoint, also the line\'s local variables as it ran', async () => {
    const line = JOB.split('\n').findIndex((l) => l.includes('self.count.update(n)')) + 1
    const s = await openInline(JOB, [{ user: 'a', kind: 'x' }, { user: 'a', kind: 'y' }], { jobName: 'job.py' })
    try {
      await s.setBreakpoints([{ id: 'typo', kind: 'line', line, condition: 'nn >= 2' }])
      const hit = (await s.step({ kind: 'continue' })).breakpointHit!
      expect(hit.error).toBe("breakpoint expression threw: NameError: name 'nn' is not defined: the expression can use event, key, the state " +
        "names (count, last), the line's local variables as it ran (ctx, n, self, value) and the job module's names")
    } finally {
      await s.close()
    }
  }, 120_000)
})
