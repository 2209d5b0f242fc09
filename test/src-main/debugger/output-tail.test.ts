// The output log's tail through the session API: the newest outputs, their count and the run's step from one read,
// past 200,000 outputs, after each chunk of a run (as the app reads it while Run to end goes on), with a key filter.
import { describe, expect, it } from 'vitest'
import { COUNT_JOB, openInline } from '../helpers/run-inline'

const EVENTS = 210_000
const lines = Array.from({ length: EVENTS }, (_, i) => ({ k: `k${i % 7}` }))

describe('output log tail', () => {
  it('is the newest outputs with the count they end, after every chunk of a run', async () => {
    const s = await openInline(COUNT_JOB, lines)
    try {
      for (;;) {
        const r = await s.step({ kind: 'end' }, 50_000)
        const status = await s.status()
        const tail = await s.outputTail(300)
        expect(tail.total).toBe(status.recordsOut)
        expect(tail.offset).toBe(Math.max(0, tail.total - 300))
        expect(tail.items.map((o) => o.seq)).toEqual(Array.from({ length: Math.min(300, tail.total) }, (_, i) => tail.offset + i))
        expect(tail.step).toBe(status.step)
        expect(tail.items.at(-1)?.step).toBe(status.step)
        expect(tail.items).toEqual((await s.outputs(tail.offset, 300)).items)
        if (r.status.finished) break
      }
      expect((await s.outputTail(300)).total).toBe(EVENTS)
      const k3 = await s.outputTail(2, { keyStr: '"k3"' })
      expect(k3.total).toBe(EVENTS / 7)
      expect(k3.items.map((o) => o.value)).toEqual([['k3', EVENTS / 7 - 1], ['k3', EVENTS / 7]])
    } finally {
      await s.close()
    }
  })
})
