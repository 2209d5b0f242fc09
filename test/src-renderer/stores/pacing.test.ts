// Real time × N's pace: the records' time as the run's clock shows it. Under `manual` processing time only
// $processingTime control lines move processing time, so ×N paced nothing there; the watermark paces instead.
import { describe, expect, it } from 'vitest'
import type { RunStatusView } from '@common/views'
import { pacingTime, pacingWait } from '../../../src-renderer/src/stores/pacing'

const MIN = -9223372036854775808
const status = (o: Partial<RunStatusView>): RunStatusView => ({
  step: 3, recordsIn: 3, recordsOut: 0, totalRecords: 40, watermark: MIN, processingTime: 0, keys: 1, pendingTimers: 0, finished: false, badLines: [], ...o,
} as RunStatusView)

describe('real time × N pacing', () => {
  it('follows processing time under follow, and the watermark under manual (where processing time stays put)', () => {
    const a = status({ processingTime: 1_708_848_000_000, watermark: 1_708_847_995_000 })
    const b = status({ processingTime: 1_708_848_060_000, watermark: 1_708_848_055_000 })
    expect(pacingWait(pacingTime(a, 'follow'), pacingTime(b, 'follow'), 100)).toBe(600)
    const manualA = { ...a, processingTime: 0 }
    const manualB = { ...b, processingTime: 0 }
    expect(pacingWait(pacingTime(manualA, 'manual'), pacingTime(manualB, 'manual'), 100)).toBe(600)
  })

  it('waits nothing with nothing to measure from: before the first record, no watermark yet, and the end of input', () => {
    expect(pacingTime(status({ recordsIn: 0, processingTime: 1_708_848_000_000 }), 'follow')).toBeNull()
    expect(pacingTime(status({ watermark: MIN }), 'manual')).toBeNull()
    expect(pacingTime(status({ watermark: -MIN }), 'manual')).toBeNull()
    expect(pacingWait(null, 1_708_848_000_000, 1)).toBe(0)
  })

  it('caps a long gap and never waits for time going back', () => {
    expect(pacingWait(0, 3_600_000, 1)).toBe(2_000)
    expect(pacingWait(5_000, 1_000, 1)).toBe(0)
  })
})
