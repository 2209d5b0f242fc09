// A Python job's breakpoint condition, log message or watch reads the record by the name the job's process_element
// gives it, as VS Code evaluates in the method's frame: PyFlink's own docs and examples/running-count.py call it `value`
// (`def process_element(self, value, ctx)`), and `value["user_id"] == "u2"` was a NameError ("the expression can use
// event, key, ...") at every hit.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openInline } from '../../helpers/run-inline'
import { PY, warmPython } from './python-job-fixture'

warmPython()

const ROOT = join(import.meta.dirname, '../../../..')
const rec = [{ ts: 1000, user_id: 'u1' }, { ts: 2000, user_id: 'u2' }, { ts: 3000, user_id: 'u1' }]

describe("a Python expression reads the record by process_element's own name for it", () => {
  it('value["user_id"] in a condition, a log message and a watch of examples/running-count.py', async () => {
    const src = readFileSync(join(ROOT, 'examples/running-count.py'), 'utf8')
    const line = src.split('\n').findIndex((l) => l.includes('current = self.count.value() or 0')) + 1
    const s = await openInline(src, rec, PY)
    try {
      const status = await s.setBreakpoints([
        { id: 'u2', kind: 'line', line, condition: 'value["user_id"] == "u2"' },
        { id: 'log', kind: 'line', line, log: 'f"{value[\'user_id\']} at {value[\'ts\']}"' },
      ])
      expect(status).toEqual([{ id: 'u2', ok: true }, { id: 'log', ok: true }])
      const r = await s.step({ kind: 'continue' })
      expect(r.breakpointHit).toMatchObject({ id: 'u2', step: 2, keyStr: '"u2"' })
      expect(r.breakpointHit?.error).toBeUndefined()
      expect((await s.logpointHits('log')).map((h) => h.value)).toEqual(['u1 at 1000', 'u2 at 2000'])
      const op = (await s.operators()).find((o) => o.keyed)!.id
      expect((await s.watch(op, '"u2"', ['value["ts"]', 'value is event']))).toEqual([
        { expression: 'value["ts"]', text: '2000' }, { expression: 'value is event', text: 'True' }])
    } finally {
      await s.close()
    }
  }, 120_000)

  // A name the expression cannot see lists the names it can: the record's own name too, which it reads as `event`.
  it("a NameError lists the record by process_element's name beside event (examples/dedup-ttl.py's payment)", async () => {
    const src = readFileSync(join(ROOT, 'examples/dedup-ttl.py'), 'utf8')
    const s = await openInline(src, rec.map((r, k) => ({ ...r, event_id: `p${k}` })), PY)
    try {
      await s.step({ kind: 'step' })
      const op = (await s.operators()).find((o) => o.keyed)!.id
      const [w] = await s.watch(op, '"p0"', ['ctx.get_current_key()'])
      expect(w.error).toBe("NameError: name 'ctx' is not defined: the expression can use event (also as payment, process_element's name for it), key, the state names (seen) and the job module's names")
    } finally {
      await s.close()
    }
  }, 120_000)
})
