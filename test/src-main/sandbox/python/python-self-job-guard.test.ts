// A Python debugger expression that changes the job some way the read-only `self` cannot refuse: a method of the job
// reaching the object through a module variable (`current = self` in open(), `current.count += 100`), or a write to
// the job's class (`setattr(F, "total", 7)`, the job module's names being the expression's globals). Before, a watch
// did so and the run's outputs changed; now the change is undone after the call and is the expression's error
// (python/_riffle_self.py unchanged_job).
import { describe, expect, it } from 'vitest'
import { openInline } from '../../helpers/run-inline'
import { plainOutcome, runOutcome } from '../../helpers/run-outcome'
import { PY, warmPython } from './python-job-fixture'

warmPython()

const JOB = `
from pyflink.datastream.functions import KeyedProcessFunction

current = None

class F(KeyedProcessFunction):
    total = 0

    def open(self, rc):
        global current
        current = self
        self.count = 0

    def via_module(self):
        current.count += 100
        return current.count

    def process_element(self, e, ctx):
        self.count += 1
        yield [self.count, F.total]

def job(events):
    return events.key_by(lambda e: e["k"]).process(F())
`
const EVENTS = [{ k: 'a' }, { k: 'a' }]

describe('a Python debugger expression that changes the job around its read-only `self`', () => {
  it('is undone and refused, saying what it changed; the run goes on as without it', async () => {
    const expected = await plainOutcome(JOB, EVENTS, '"a"', PY)
    const s = await openInline(JOB, EVENTS, PY)
    try {
      await s.step({ kind: 'step' })
      const op = (await s.operators()).find((o) => o.keyed)!.id
      const w = await s.watch(op, '"a"', ['self.via_module()', 'setattr(F, "total", 7)', 'current.count', 'F.total'])
      const why = 'through a way the read-only `self` cannot see (a module variable holding the job\'s object, its class); ' +
        'the change is undone: a debugger expression only reads the job'
      expect(w.map((v) => v.error ?? v.text)).toEqual([
        `TypeError: the expression changed the job (self.count) ${why}`,
        `TypeError: the expression changed the job (F.total) ${why}`,
        '1', '0',
      ])
      await s.step({ kind: 'end' })
      expect(await runOutcome(s, '"a"')).toEqual(expected)
    } finally {
      await s.close()
    }
  }, 120_000)
})
