// The Charts tab's third chart for a job whose TTL keeps state bounded (dedup-ttl.ts): its rising key line must read
// as the keys the run has seen, not as state that grows, and the state entries line as what is stored.
import { describe, expect, it } from 'vitest'
import type { RunSample } from '../../../src-main/common/views'
import { sizeChart } from '../../../src-renderer/src/charts/size-chart'

const sample = (step: number, keys: number, stateEntries: number): RunSample => ({
  step, recordsIn: step, recordsOut: step, keys, pendingTimers: 0, stateEntries, watermark: null, newestEvent: null, throughput: null,
} as RunSample)

describe('sizeChart', () => {
  it('names the key line "keys seen" (it never falls when TTL removes state) beside "state entries"', () => {
    const { title, lines } = sizeChart([sample(1000, 900, 450), sample(4000, 3656, 460)])
    expect(title).toBe('Keys seen, state entries, pending timers')
    expect(lines.map((l) => l.name)).toEqual(['keys seen', 'timers', 'state entries'])
  })

  it('plots each sample at its step', () => {
    const { lines } = sizeChart([sample(1000, 900, 450), sample(4000, 3656, 460)])
    expect(lines[0]!.data).toEqual([[1000, 900], [4000, 3656]])
    expect(lines[1]!.data).toEqual([[1000, 0], [4000, 0]])
    expect(lines[2]!.data).toEqual([[1000, 450], [4000, 460]])
  })
})
