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
})
