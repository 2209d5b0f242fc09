// The LevelDB history's disk budget is a bound, not a target: a capture that would carry the checkpoints past it
// thins them first (time-travel.ts), so the most they ever hold stays within it. (Seeks after thinning are checked
// against a sequential run in time-travel-leveldb.test.ts.)
import { describe, expect, it } from 'vitest'
import { RIFFLE } from '../../helpers/run-inline'
import { makeCase } from '../time-travel-job'

// Each record writes a 4 KB value, so the write-ahead log passes its 8 MB limit every couple of thousand records
// and tables are written out and compacted away while checkpoints pin them: the history's disk keeps growing.
const BIG_WRITES = `${RIFFLE}
class Big extends KeyedProcessFunction<any, any, any> {
  v: any
  open(rc: any) { this.v = rc.getState(new ValueStateDescriptor('v', Types.STRING)) }
  processElement(e: any, ctx: any, out: any) {
    this.v.update('x'.repeat(4000) + e.n)
    if (e.n % 1000 === 0) out.collect(e.n)
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new Big())
`
const LINES = Array.from({ length: 12_000 }, (_, n) => ({ k: `k${n % 300}`, n }))

describe('the LevelDB history on a disk budget', () => {
  it('never holds more than the budget: a capture that would pass it thins the checkpoints first', async () => {
    const c = makeCase(0, BIG_WRITES, LINES, 'leveldb')
    // Unbounded first, to learn how much disk this run's history takes when nothing is dropped.
    const free = await c.open({ minInterval: 200, maxInterval: 200, diskBudget: Number.MAX_SAFE_INTEGER })
    let unbounded: number
    try {
      await free.step({ kind: 'end' })
      unbounded = free.timeTravel.ldb!.peakBytes
    } finally {
      await free.close()
    }
    const budget = Math.floor(unbounded / 2)
    const s = await c.open({ minInterval: 200, maxInterval: 200, diskBudget: budget })
    try {
      await s.step({ kind: 'end' })
      const ldb = s.timeTravel.ldb!
      expect(s.timeTravel.interval).toBeGreaterThan(200)
      expect(ldb.peakBytes).toBeLessThanOrEqual(budget)
    } finally {
      await s.close()
    }
  }, 120_000)
})
