// A line breakpoint's condition and log message read the key's state as the line starts to run, as VS Code evaluates
// them in the paused frame: on the seed Sessionizer's `if self.session_start.value() is None:` the condition
// `self.session_start.value() is None` hits on a key's first event (it never hit: the step had set the state by the
// time the condition ran), and a logpoint before `update(value() + 1)` logs the count before it.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openInline } from '../helpers/run-inline'
import { PY, warmPython } from '../sandbox/python/python-job-fixture'

warmPython()

const ROOT = join(import.meta.dirname, '../../..')
const rec = [
  { ts: 1000, user_id: 'u1', type: 'view' },
  { ts: 2000, user_id: 'u1', type: 'click' },
  { ts: 3000, user_id: 'u2', type: 'view' },
  { ts: 4000, user_id: 'u1', type: 'view' },
]
const lineOf = (src: string, text: string): number => src.split('\n').findIndex((l) => l.includes(text)) + 1

describe('a line breakpoint reads the state as its line starts to run', () => {
  it('Python: self.session_start.value() is None hits at each key\'s first event; the count logs before its update', async () => {
    const src = readFileSync(join(ROOT, 'examples/sessionizer-seed.py'), 'utf8')
    const s = await openInline(src, rec, PY)
    try {
      const ifLine = lineOf(src, 'if self.session_start.value() is None:')
      const updateLine = lineOf(src, 'self.event_count.update(self.event_count.value() + 1)')
      await s.setBreakpoints([
        { id: 'new', kind: 'line', line: ifLine, condition: 'self.session_start.value() is None' },
        { id: 'byname', kind: 'line', line: ifLine, log: 'f"{key} {session_start}"' },
        { id: 'count', kind: 'line', line: updateLine, log: 'f"{key} {self.event_count.value()} {event_count}"' },
      ])
      const first = await s.step({ kind: 'continue' })
      expect(first.breakpointHit).toMatchObject({ id: 'new', step: 1, keyStr: '"u1"' })
      const second = await s.step({ kind: 'continue' })
      expect(second.breakpointHit).toMatchObject({ id: 'new', step: 3, keyStr: '"u2"' })
      const end = await s.step({ kind: 'continue' })
      expect(end.breakpointHit).toBeFalsy()
      expect((await s.logpointHits('byname')).map((h) => h.value)).toEqual(['u1 None', 'u1 1000', 'u2 None', 'u1 1000'])
      expect((await s.logpointHits('count')).map((h) => h.value)).toEqual(['u1 0 0', 'u1 1 1', 'u2 0 0', 'u1 2 2'])
    } finally {
      await s.close()
    }
  }, 120_000)

  it('TypeScript: this.sessionStart.value() == null hits at each key\'s first event', async () => {
    const src = readFileSync(join(ROOT, 'examples/sessionizer-seed.ts'), 'utf8')
    const s = await openInline(src, rec, { jobName: 'job.ts' })
    try {
      const ifLine = lineOf(src, 'if (this.sessionStart.value() === null)')
      expect(ifLine).toBeGreaterThan(0)
      await s.setBreakpoints([{ id: 'new', kind: 'line', line: ifLine, condition: 'this.sessionStart.value() === null && session_start === null' }])
      expect((await s.step({ kind: 'continue' })).breakpointHit).toMatchObject({ id: 'new', step: 1, keyStr: '"u1"' })
      expect((await s.step({ kind: 'continue' })).breakpointHit).toMatchObject({ id: 'new', step: 3, keyStr: '"u2"' })
    } finally {
      await s.close()
    }
  }, 120_000)
})
