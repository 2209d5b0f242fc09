// A Python job's field that holds a function, called through `self` in a debugger expression (a watch `self.cb()`):
// `self` is a read-only view of the job's object (python/_riffle_self.py), but a lambda closing over `self`
// (`self.note = lambda e: self.seen.append(e)`), a built-in method of a field's value (`self.push = self.seen.append`),
// a closure over a state handle, or such a function inside a field's object (a functools.partial, an object of the
// job's class) was the job's own, and ran on the job's real object and state, so a watch changed the run (a bound
// method, `self.cb = self.on_x`, was refused as uncopied). Now such a function runs over the view (its closure's `self`
// is the view, a handle reads the key's state), so a write through it is refused, and the job's outputs and state
// after the watches are the same as without them.
import { describe, expect, it } from 'vitest'
import { openInline } from '../../helpers/run-inline'
import { plainOutcome, runOutcome } from '../../helpers/run-outcome'
import { PY, warmPython } from './python-job-fixture'

warmPython()

const JOB = `
from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor
import functools

class Box:
    def __init__(self, f):
        self.f = f

class F(KeyedProcessFunction):
    def open(self, rc):
        self.count = 0
        self.seen = []
        self.total = rc.get_state(ValueStateDescriptor("total", Types.LONG()))
        self.note = lambda e: self.seen.append(e)
        self.cb = self.on_x
        self.push = self.seen.append
        handle = self.total
        self.reset = lambda: handle.update(99)
        self.fmt = lambda x: f"{x:.2f}"
        def deep():
            return self.count
        self.deep = deep
        self.box = Box(lambda: self.seen.append("z"))
        self.later = functools.partial(self.on_x)

    def on_x(self):
        self.count += 1
        return self.count

    def process_element(self, e, ctx):
        self.total.update((self.total.value() or 0) + 1)
        yield [e["k"], self.count, len(self.seen), self.total.value()]

def job(events):
    return events.key_by(lambda e: e["k"]).process(F())
`
const EVENTS = [{ k: 'a' }, { k: 'a' }, { k: 'b' }]


describe('a function held in a field, called through `self` in a Python debugger expression', () => {
  it('runs over the read-only view, so it cannot change the run', async () => {
    const expected = await plainOutcome(JOB, EVENTS, '"a"', PY)
    const s = await openInline(JOB, EVENTS, PY)
    try {
      await s.step({ kind: 'step' })
      const op = (await s.operators()).find((o) => o.keyed)!.id
      const w = await s.watch(op, '"a"', ['self.cb()', 'self.note("x")', 'self.push("y")', 'self.reset()', 'self.fmt(3)',
        'self.deep()', 'self.total.value()', 'self.count', 'self.box.f()', 'self.later()'])
      const by = Object.fromEntries(w.map((v) => [v.expression, v.error ?? v.text]))
      const readOnly = 'a debugger expression only reads the job (it runs after the step, outside the job\'s methods); it cannot change a field or a state'
      expect(by['self.cb()']).toBe(`TypeError: self.count = ...: ${readOnly}`)
      expect(by['self.reset()']).toBe(`TypeError: self.reset's handle.update(...) (state 'total'): ${readOnly}`)
      expect(by['self.fmt(3)']).toBe("'3.00'")
      expect(by['self.deep()']).toBe('0')
      expect(by['self.total.value()']).toBe('1')
      expect(by['self.count']).toBe('0')
      // A field's list is a copy: appending to it changes the copy, not the job's list.
      expect(by['self.note("x")']).toBe('None')
      expect(by['self.push("y")']).toBe('None')
      // At any depth: a lambda in a field's object, a bound method in a functools.partial.
      expect(by['self.box.f()']).toBe('None')
      expect(by['self.later()']).toBe(`TypeError: self.count = ...: ${readOnly}`)
      await s.step({ kind: 'end' })
      expect(await runOutcome(s, '"a"')).toEqual(expected)
    } finally {
      await s.close()
    }
  }, 120_000)
})
