// The Charts tab's lag line: a "no watermark yet" band over the steps before the first watermark, and only there.
import { describe, expect, it } from 'vitest'
import type { RunSample } from '../../../src-main/common/views'
import { lagLine } from '../../../src-renderer/src/charts/lag-line'

const sample = (step: number, watermark: number | null): RunSample => ({
  step, recordsIn: step, recordsOut: 0, keys: 1, pendingTimers: 1, stateEntries: 1, watermark,
  newestEvent: watermark === null ? null : watermark + 5_000, watermarkLag: watermark === null ? null : 5_000,
} as RunSample)
const band = (samples: RunSample[], until: number | null): unknown => (lagLine(samples, until).extra as { markArea?: { data: unknown } }).markArea?.data

describe('lagLine', () => {
  it('draws no band when only step 0 lacks a watermark (its label sat over a chart whose lag is known from step 1)', () => {
    expect(band([sample(0, null), sample(1, 100), sample(2, 200)], 0)).toBeUndefined()
  })

  it('bands the steps before the first watermark, labelled, from the first sample to the last without one', () => {
    expect(band([sample(0, null), sample(1, null), sample(2, null), sample(3, 100)], 2)).toEqual([[{ name: 'no watermark yet', xAxis: 0 }, { xAxis: 2 }]])
  })

  it('draws no band when every sample has a watermark', () => {
    expect(band([sample(1, 100), sample(2, 200)], null)).toBeUndefined()
  })

  it('bands the steps with a watermark but no record timestamp (a $watermark line, a job that assigns none): no lag to draw', () => {
    // running-count.ts on clicks-small.jsonl: line 18 is {"$watermark": …}, the job gives its records no timestamps.
    const noTs = (step: number, watermark: number | null): RunSample => ({ ...sample(step, watermark), newestEvent: null, watermarkLag: null })
    const samples = [noTs(0, null), noTs(1, null), noTs(17, null), noTs(18, 1708850880000), noTs(30, 1708850880000), noTs(41, null)]
    expect(band(samples, 17)).toEqual([
      [{ name: 'no watermark yet', xAxis: 0 }, { xAxis: 17 }],
      [{ name: 'no record timestamp yet', xAxis: 17 }, { xAxis: 41 }],
    ])
  })

  it('ends that band where the first record timestamp comes', () => {
    const noTs = (step: number, watermark: number | null): RunSample => ({ ...sample(step, watermark), newestEvent: null, watermarkLag: null })
    expect(band([noTs(0, null), noTs(1, 100), noTs(2, 100), sample(3, 100)], 0)).toEqual([[{ name: 'no record timestamp yet', xAxis: 0 }, { xAxis: 2 }]])
  })
})
