// A Python job's breakpoint condition, log message or watch reading `self`, as the job's own method does
// (`self.last.value() == "y"`): `self` is a read-only view of the job's KeyedProcessFunction, a field holding a state
// handle reading the expression's key's state as the by-name reads do, other fields their values. Before, `self` was
// a NameError at every hit. A write through it is refused, and so is `self` where no keyed function is at work.
import { describe, expect, it } from 'vitest'
import { openInline } from '../../helpers/run-inline'
import { PY, PY_ALL_KINDS, events, warmPython } from './python-job-fixture'

warmPython()

// The fixture's job with fields and methods of its own: self.limit, self.is_big(n), a handle in a dict (self.by_name).
const JOB = PY_ALL_KINDS.replace('Types.LIST(Types.LONG())))\n', 'Types.LIST(Types.LONG())))\n        self.by_name = {"kinds": self.kinds}\n').replace('    def process_element(self, e, ctx):', `    limit = 2
    names = ["x"]

    def is_big(self, n):
        return n > self.limit

    @staticmethod
    def double(n):
        return 2 * n

    def bump(self):
        self.limit = 9
        return self.limit

    def process_element(self, e, ctx):`)
// The yield, after the step's writes: a line breakpoint's expressions read the state as its line starts to run.
const LINE = JOB.split('\n').findIndex((l) => l.includes('yield {"key": ctx.get_current_key(), "before": before')) + 1

describe("a Python debugger expression reading `self`", () => {
  it("reads the key's state through the field holding its handle, the same as the state's name", async () => {
    const s = await openInline(JOB, events, PY)
    try {
      const status = await s.setBreakpoints([
        { id: 'state', kind: 'line', line: LINE, condition: 'self.last.value() == "y" and self.last.value() == last' },
        { id: 'log', kind: 'line', line: LINE, log: 'f"{key} {self.total.get()} {self.is_big(self.total.get())} {self.limit}"' },
      ])
      expect(status).toEqual([{ id: 'state', ok: true }, { id: 'log', ok: true }])
      // At the yield, after the writes: key "b"'s last is "y" after its first event (step 2).
      const r = await s.step({ kind: 'continue' })
      expect(r.breakpointHit).toMatchObject({ id: 'state', step: 2, keyStr: '"b"' })
      expect(r.breakpointHit?.error).toBeUndefined()
      expect((await s.logpointHits('log')).map((h) => h.value)).toEqual(['a 1 False 2', 'b 2 False 2'])
      const op = (await s.operators()).find((o) => o.keyed)!.id
      const w = await s.watch(op, '"a"', [
        'self.last.value() == last', 'self.kinds.get()', 'self.per_kind.get("x")', 'self.per_kind.contains("q")',
        'sorted(self.per_kind.keys())', 'self.total.get() == total', 'self.avg.get()', 'self.names', 'self.limit',
        'self.double(self.limit)', 'self.by_name["kinds"].get()', 'self.by_name["kinds"].add("q")',
      ])
      // self.avg.get(): get_result's 1.0, a float as the job's own get() gives it (python-aggregate-result-floats.test.ts).
      expect(w.map((v) => v.error ?? v.text)).toEqual(['True', "['x']", '1', 'False', "['x']", 'True', '1.0', "['x']", '2', '4', "['x']",
        "TypeError: self.by_name['kinds'].add(...) (state 'kinds'): a debugger expression only reads the job (it runs after the step, outside the job's methods); it cannot change a field or a state"])
    } finally {
      await s.close()
    }
  }, 120_000)

  it('refuses a write through `self`, and `self` where no keyed function is at work, saying why', async () => {
    const s = await openInline(JOB, events, PY)
    try {
      const status = await s.setBreakpoints([
        { id: 'update', kind: 'line', line: LINE, condition: 'self.last.update("q") is None' },
        { id: 'event', kind: 'event', expression: 'self.limit > 0' },
        { id: 'method', kind: 'line', line: LINE, condition: 'self.bump() > 5' },
      ])
      const by = Object.fromEntries(status.map((st) => [st.id, st]))
      expect(by.update.error).toBe('expression cannot change state: `self.last.update(...)` writes; a debugger expression only reads the job ' +
        '(`self.last` reads the key\'s state as it is after the step)')
      expect(by.event.error).toBe('expression cannot use self: an event breakpoint\'s predicate runs on the record before it reaches a key\'s call')
      expect(by.method).toEqual({ id: 'method', ok: true })
      const r = await s.step({ kind: 'continue' })
      expect(r.breakpointHit?.id).toBe('method')
      expect(r.breakpointHit?.error).toMatch(/TypeError: self\.limit = \.\.\.: a debugger expression only reads the job/)
      const op = (await s.operators()).find((o) => o.keyed)!.id
      expect((await s.watch(op, '"a"', ['self.limit']))[0]).toEqual({ expression: 'self.limit', text: '2' })
    } finally {
      await s.close()
    }
  }, 120_000)

  // The name gave the stored accumulator ([sum, count]) where self.avg.get() gave get_result of it, so `avg > 2`
  // compared a list: both now read what the job's own self.avg.get() gives, PyFlink's AggregatingState.get().
  it('reads an AggregatingState by its name as its get() does: the aggregate\'s result, not the accumulator', async () => {
    const s = await openInline(JOB, events, PY)
    try {
      expect(await s.setBreakpoints([{ id: 'cond', kind: 'line', line: LINE, condition: 'avg > 2' }])).toEqual([{ id: 'cond', ok: true }])
      // Key "a"'s average is 1 after its first event and 2 after its second (1, 3): above 2 after its third (1, 3, 4).
      const r = await s.step({ kind: 'continue' })
      expect(r.breakpointHit).toMatchObject({ id: 'cond', keyStr: '"a"' })
      expect(r.breakpointHit?.error).toBeUndefined()
      const op = (await s.operators()).find((o) => o.keyed)!.id
      const w = await s.watch(op, '"a"', ['avg', 'self.avg.get()', 'avg == self.avg.get()'])
      expect(w.map((v) => v.error ?? v.text)).toEqual([String(8 / 3), String(8 / 3), 'True'])
      // The key detail pane shows what the state stores, the accumulator.
      const detail = await s.keyState(op, '"a"')
      expect(detail?.states.find((st) => st.name === 'avg')?.entries[0].value).toEqual([8, 3])
    } finally {
      await s.close()
    }
  }, 120_000)

  it("runs get_result only for an expression that reads the state: one that raises fails that expression, and no other", async () => {
    // The job's own calls never read it: only the debugger runs get_result.
    const job = JOB.replace('        return acc[0] / acc[1]', '        if acc[0] > 10:\n            raise ValueError("too big")\n        return acc[0] / acc[1]')
      .replace('"avg": self.avg.get()', '"avg": 0')
    const s = await openInline(job, events, PY)
    try {
      await s.step({ kind: 'end' })
      const op = (await s.operators()).find((o) => o.keyed)!.id
      // Key "a"'s sum is 14 at the end (1, 3, 4, 6). One reading self gets every state (a field's name is not its
      // state's), so its get_result runs for it too.
      const w = await s.watch(op, '"a"', ['last', 'total.__class__.__name__', 'avg', 'self.limit'])
      const why = 'reading state "avg" (its aggregate function\'s result of the accumulator): ValueError: too big'
      expect(w.map((v) => v.error ?? v.text)).toEqual(["'z'", "'int'", why, why])
    } finally {
      await s.close()
    }
  }, 120_000)
})
