// A Python job's event-predicate breakpoint reads the record by the name the job's process_element gives it too, as
// its watches, conditions and line breakpoints do (`login` in examples/failed-logins.py: `login["result"] ==
// "failure"` was a NameError at every record), and a name it cannot see is told what an event predicate reads: the
// record and the job module's names, not a key or state names ("none for this key"), which it never has.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openInline } from '../../helpers/run-inline'
import { PY, warmPython } from './python-job-fixture'

warmPython()

const ROOT = join(import.meta.dirname, '../../../..')
const rec = [
  { ts: 1000, user_id: 'u1', result: 'success', ip: '10.0.0.1' },
  { ts: 2000, user_id: 'u2', result: 'failure', ip: '10.0.0.2' },
  { ts: 3000, user_id: 'u1', result: 'failure', ip: '10.0.0.1' },
]

describe("a Python event predicate and process_element's name for the record", () => {
  it('login["result"] == "failure" stops at the first failed login of examples/failed-logins.py', async () => {
    const s = await openInline(readFileSync(join(ROOT, 'examples/failed-logins.py'), 'utf8'), rec, PY)
    try {
      expect(await s.setBreakpoints([{ id: 'f', kind: 'event', expression: 'login["result"] == "failure"' }])).toEqual([{ id: 'f', ok: true }])
      const r = await s.step({ kind: 'continue' })
      expect(r.breakpointHit?.error).toBeUndefined()
      expect(r.breakpointHit).toMatchObject({ id: 'f', step: 2, keyStr: '"u2"' })
    } finally {
      await s.close()
    }
  }, 120_000)

  it('a name it cannot see lists the record (by both names) and the job module\'s names, no key or state', async () => {
    const s = await openInline(readFileSync(join(ROOT, 'examples/failed-logins.py'), 'utf8'), rec, PY)
    try {
      await s.setBreakpoints([{ id: 'k', kind: 'event', expression: 'key == "u2"' }])
      const r = await s.step({ kind: 'continue' })
      expect(r.breakpointHit?.error).toBe("breakpoint expression threw: NameError: name 'key' is not defined: an event predicate can use event (also as login, " +
        "process_element's name for it), input, step, watermark and the job module's names; it runs on the record before it reaches a key, so it has no key or state")
    } finally {
      await s.close()
    }
  }, 120_000)
})
