// A field of a Python job that copy.deepcopy cannot copy (a lock, a generator, an object whose __deepcopy__ raises),
// read through `self` in a debugger expression. The view gives every other field as a copy, so nothing an expression
// does changes the run; such a field was handed over as the job's own object, which an expression could change
// (self.box.items.append(9), setattr(self.box, 'n', 5), self.lock.acquire()). It now reads through a read-only wrapper
// (_riffle_self._Uncopied): its attributes and items are read (copied where they can be), its Python methods run on the
// wrapper (their writes refused), its built-in methods are refused (they would run on the object itself), and a write
// raises saying why.
import { describe, expect, it } from 'vitest'
import { openInline } from '../../helpers/run-inline'
import { PY, warmPython } from './python-job-fixture'

warmPython()

const JOB = `import threading
from pyflink.datastream.functions import KeyedProcessFunction


class Box:
    def __init__(self):
        self.items = [1]
        self.n = 1
        self.lock = threading.Lock()

    def __deepcopy__(self, memo):
        raise TypeError("a Box is not copied")

    def size(self):
        return len(self.items)

    def grow(self):
        self.items.append(len(self.items))
        return self.n


def numbers():
    yield 1
    yield 2


class F(KeyedProcessFunction):
    def open(self, rc):
        self.box = Box()
        self.lock = threading.Lock()
        self.gen = numbers()

    def process_element(self, e, ctx):
        yield [e["k"], len(self.box.items), self.box.n, self.lock.locked()]


def job(events):
    return events.key_by(lambda e: e["k"]).process(F())
`

describe('a field the debugger cannot copy, read through `self`', () => {
  it('is read through a read-only wrapper: reads work, writes and built-in methods are refused, the job is untouched', async () => {
    const s = await openInline(JOB, [{ k: 'a' }, { k: 'a' }], PY)
    try {
      await s.step({ kind: 'step' })
      const op = (await s.operators()).find((o) => o.keyed)!.id
      const w = await s.watch(op, '"a"', [
        'self.box.items', 'self.box.n + 1', 'self.box.size()', 'self.lock.locked()',
        'self.box.items.append(9)', 'self.box.grow()', 'self.lock.acquire()', 'next(self.gen)',
        'setattr(self.box, "n", 5)', 'self.box.lock.acquire()', 'self.box._obj', 'self._fn',
      ])
      const shown = w.map((v) => v.error ?? v.text)
      // append changes a copy of the list; grow() runs on the wrapper, its self.items a copy too. A built-in method
      // (the lock's) would run on the object itself: which of them only read cannot be known, so none runs.
      expect([...shown.slice(0, 3), ...shown.slice(4, 6)]).toEqual(['[1]', '2', '1', 'None', '1'])
      expect(shown[3]).toBe("TypeError: self.lock.locked(...): self.lock could not be copied (TypeError: cannot pickle '_thread.lock' " +
        "object), so a debugger expression reads it in place, and does not run what could change it (the job's object)")
      expect(shown[6]).toMatch(/^TypeError: self\.lock\.acquire\(\.\.\.\): self\.lock could not be copied \(TypeError: cannot pickle '_thread\.lock' object\)/)
      expect(shown[7]).toMatch(/^TypeError: .*self\.gen could not be copied/)
      expect(shown[8]).toMatch(/^TypeError: self\.box\.n = \.\.\.: a debugger expression only reads the job/)
      expect(shown[9]).toMatch(/^TypeError: self\.box\.lock\.acquire\(\.\.\.\)/)
      // The wrapper's and the view's own slots are not a way to the job's object.
      expect(shown.slice(10)).toEqual(["AttributeError: 'Box' object has no attribute '_obj'", "AttributeError: type object 'F' has no attribute '_fn'"])
      // The job's objects are as the job left them: its next step reads one item, n 1, the lock free.
      await s.step({ kind: 'end' })
      expect((await s.outputs(0, 10)).items.map((o) => o.value)).toEqual([['a', 1, 1, false], ['a', 1, 1, false]])
    } finally {
      await s.close()
    }
  }, 120_000)
})
