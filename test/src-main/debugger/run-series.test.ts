// The charts' series, sampled by step: a 40-event run is drawn whole, the samples follow the run's order
// after a step back and a seek, the watermark lag is defined (null) before the first watermark and negative
// only where a $watermark line puts the watermark ahead of every event, and a 50 k-event run to the end has
// a lag all along in at most 2,000 samples.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DebugSession } from '../../../src-main/debugger/debug-session'
import { MAX_SAMPLES } from '../../../src-main/debugger/run-series'

const root = join(import.meta.dirname, '../../..')
const open = (recording: string): Promise<DebugSession> => DebugSession.open({
  jobPath: join(root, 'examples/sessionizer-seed.ts'), recordingPath: join(root, 'recordings', recording),
  backend: 'heap', processingTime: 'follow', drainProcessingTimers: false, skipBadLines: false,
})

describe('the run series', () => {
  it('samples every step of a short run, in step order after a step back and a seek', async () => {
    const s = await open('clicks-small.jsonl')
    try {
      await s.step({ kind: 'step' }, 10)
      await s.stepBack()
      await s.seek(4)
      const r = await s.step({ kind: 'end' })
      const { samples, stride } = await s.series()
      expect(stride).toBe(1)
      expect(samples.map((x) => x.step)).toEqual(Array.from({ length: r.status.step + 1 }, (_, i) => i))
      expect(r.status.recordsIn).toBe(40)
    } finally { await s.close() }
  })

  it('gives no lag before the first watermark, and a negative one only after a $watermark line ahead of the events', async () => {
    const s = await open('clicks-small.jsonl')
    try {
      await s.step({ kind: 'end' })
      const { samples } = await s.series()
      expect(samples[0]).toMatchObject({ step: 0, watermark: null, watermarkLag: null })
      const first = samples.find((x) => x.watermark !== null)!
      expect(first.watermarkLag).toBe(first.newestEvent! - first.watermark!)
      for (const x of samples) {
        if (x.watermarkLag === null) continue
        expect(x.watermarkLag).toBe(x.newestEvent! - x.watermark!)
        // The seed's bounded out-of-orderness (5 s) keeps the watermark behind; only the control line
        // ($watermark 1708850880000, newest event 1708850460000 then) puts it 420 s ahead.
        if (x.watermarkLag < 0) expect(x.watermark).toBeGreaterThanOrEqual(1708850880000)
      }
      expect(samples.some((x) => x.watermarkLag === -420_000)).toBe(true)
    } finally { await s.close() }
  })

  it('has a watermark lag along a 50 k-event run to the end, in at most MAX_SAMPLES samples', async () => {
    const s = await open('clicks.jsonl')
    try {
      await s.step({ kind: 'end' })
      const { samples, stride } = await s.series()
      expect(samples.length).toBeLessThanOrEqual(MAX_SAMPLES)
      expect(samples.length).toBeGreaterThan(MAX_SAMPLES / 2)
      expect(stride).toBeGreaterThan(1)
      const withLag = samples.filter((x) => x.watermarkLag !== null)
      expect(withLag.length).toBeGreaterThan(samples.length * 0.9)
      expect(withLag.every((x) => x.watermarkLag! >= 0)).toBe(true)
    } finally { await s.close() }
  })
})
