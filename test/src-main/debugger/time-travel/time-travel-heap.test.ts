// Seek on the heap backend (heap-history.ts): snapshots keep keyed state as frames and deltas
// of JSON text and typed arrays, and a restore rebuilds tables, timer queues and key registries from
// them. Whatever the path (a frame, a chain of deltas, merged deltas after thinning, forward or back from
// the live position), the run must be exactly where a sequential run is: every table's entries in their
// Map order, timers in firing order with their sequence numbers, the key registry in first-seen order,
// the driver, the watermarks and the output log.
import { describe, expect, it } from 'vitest'
import type { DebugSession } from '../../../../src-main/debugger/debug-session'
import { makeCase } from '../time-travel-job'
import { RIFFLE } from '../../helpers/run-inline'

/** Everything of the run that a sequential run must equal (the reader's batch boundaries may differ). */
async function exact(s: DebugSession): Promise<unknown> {
  const { reader: _reader, ...run } = await s.run.snapshot()
  return { run, outputs: (await s.outputs(0, 1e9)).items, status: await s.status() }
}

/** A fresh session stepped to `step` the plain way. */
async function sequential(c: ReturnType<typeof makeCase>, step: number, total: number): Promise<unknown> {
  const fresh = await c.open()
  try {
    if (step > 0) await fresh.step({ kind: 'end' }, step === total ? Number.MAX_SAFE_INTEGER : step)
    return await exact(fresh)
  } finally {
    await fresh.close()
  }
}

// Sessions end per key (cleared state), so keys are deleted and inserted again all the time: the tables'
// Map order is what a restore has to rebuild. The value is a flat object updated in place.
const CHURN = `${RIFFLE}
class Churn extends KeyedProcessFunction<any, any, any> {
  acc: any
  open(rc: any) { this.acc = rc.getState(new ValueStateDescriptor('acc', Types.ROW)) }
  processElement(e: any, ctx: any, out: any) {
    const a = this.acc.value()
    if (a === null) { this.acc.update({ n: 1, first: ctx.timestamp() }); ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 500); return }
    a.n++
    this.acc.update(a)
  }
  onTimer(t: number, ctx: any, out: any) { out.collect({ k: ctx.getCurrentKey(), n: this.acc.value().n }); this.acc.clear() }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(100)).withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.u).process(new Churn()).uid('churn')
`

function targets(total: number, n: number, seed = 5): number[] {
  let x = seed
  const out = [0, 1, total, total - 1]
  for (let i = 0; i < n; i++) { x = (x * 48271) % 2147483647; out.push(x % (total + 1)) }
  return out
}

describe('seek on the heap backend', () => {
  it('seeking to any step gives exactly what a sequential run has: table order, timers with their order, key order, outputs', async () => {
    const c = makeCase(400)
    const s = await c.open({ minInterval: 23, maxInterval: 23, frameAfter: 3 })
    try {
      await s.step({ kind: 'end' })
      const total = (await s.status()).step
      // Frames and deltas both: a restore starts at a frame and applies the deltas after it.
      const heap = s.timeTravel.snapshots.map((x) => x.heap!)
      expect(heap.filter((h) => h.frame.state !== null).length).toBeGreaterThan(1)
      expect(heap.filter((h) => h.frame.state === null).length).toBeGreaterThan(5)
      for (const t of targets(total, 14)) {
        await s.seek(t)
        expect(await exact(s), `seek(${t})`).toEqual(await sequential(c, t, total))
      }
    } finally {
      await s.close()
    }
  })

  it('keys deleted and inserted again keep a sequential run\'s Map order after a seek, in every direction', async () => {
    const lines: unknown[] = []
    let x = 3
    for (let i = 0; i < 300; i++) {
      x = (x * 1103515245 + 12345) % 2147483648
      lines.push({ u: `k${x % 9}`, ts: i * 40 })
    }
    const c = makeCase(0, CHURN, lines)
    expect(c.recordingPath).toContain('.jsonl')
    const s = await c.open({ minInterval: 17, maxInterval: 17, frameAfter: 4 })
    try {
      await s.step({ kind: 'end' })
      const total = (await s.status()).step
      for (const t of [150, 20, 290, 100, 101, 0, total, 60]) {
        await s.seek(t)
        expect(await exact(s), `seek(${t})`).toEqual(await sequential(c, t, total))
      }
    } finally {
      await s.close()
    }
  })

  it('seeking back after writes to a few keys, then stepping on with in-place updates, matches a sequential run', async () => {
    const c = makeCase(200)
    const s = await c.open({ minInterval: 30, maxInterval: 30, frameAfter: 4 })
    try {
      await s.step({ kind: 'end' })
      const total = (await s.status()).step
      await s.seek(95)
      // Restored values are parsed when read; the steps after update them in place and capture nothing new.
      await s.step({ kind: 'end' }, 12)
      expect(await exact(s)).toEqual(await sequential(c, 107, total))
      await s.stepBack()
      expect(await exact(s)).toEqual(await sequential(c, 106, total))
    } finally {
      await s.close()
    }
  })

  it('keys first seen after a snapshot are gone from the registry on seeking back, and back on seeking forward', async () => {
    const c = makeCase(200)
    const s = await c.open({ minInterval: 2, maxInterval: 2 })
    try {
      await s.step({ kind: 'end' })
      const all = (await s.keys({ offset: 0, limit: 1e6, operatorId: 'sess' })).items
      const late = all.filter((k) => k.firstStep > 3)
      expect(late.length).toBeGreaterThan(0)
      await s.seek(3)
      const early = (await s.keys({ offset: 0, limit: 1e6, operatorId: 'sess' })).items
      expect(early.length).toBeGreaterThan(0)
      expect(early.every((k) => k.firstStep <= 3)).toBe(true)
      for (const k of late) expect(s.run.keyedOps[0].keys.get(k.keyStr)).toBeUndefined()
      expect(s.run.keyedOps[0].keys.size).toBe(early.length)
      // Forward again (a later snapshot, not a re-run): the same keys, in the same first-seen order.
      await s.seek(160)
      const again = [...s.run.keyedOps[0].keys.byKeyStr].map(([k]) => k)
      const fresh = await c.open()
      await fresh.step({ kind: 'end' }, 160)
      expect(again).toEqual([...fresh.run.keyedOps[0].keys.byKeyStr].map(([k]) => k))
      await fresh.close()
    } finally {
      await s.close()
    }
  })

  it('seeking forward past the live position restores a later snapshot and matches a sequential run', async () => {
    const c = makeCase(300)
    const s = await c.open({ minInterval: 25, maxInterval: 25, frameAfter: 4 })
    try {
      await s.step({ kind: 'end' })
      const total = (await s.status()).step
      await s.seek(5)
      const r = await s.seek(240)
      expect(r.fromSnapshot).toBeGreaterThan(5)
      expect(await exact(s)).toEqual(await sequential(c, 240, total))
      await s.seek(total)
      expect(await exact(s)).toEqual(await sequential(c, total, total))
    } finally {
      await s.close()
    }
  })

  it('a heap snapshot holds what changed since the one before it, and restores to the full snapshot taken at its step', async () => {
    const c = makeCase(200)
    const s = await c.open({ minInterval: 1e9, maxInterval: 1e9 })
    try {
      const tt = s.timeTravel
      const quiescentAfter = async (n: number): Promise<void> => {
        await s.step({ kind: 'end' }, n)
        while (!s.run.driver.isQuiescent()) await s.step({ kind: 'step' })
      }
      await quiescentAfter(120)
      await tt.capture()
      const full = await s.run.snapshot()
      await quiescentAfter(3)
      await tt.capture()
      const [prev, last] = tt.snapshots.slice(-2)
      // The later one is a delta: a few entries, where a frame holds every key and timer.
      expect(last.heap!.delta).not.toBeNull()
      expect(last.heap!.frame.state).toBeNull()
      expect(last.heap!.work.state).toBeLessThan(20)
      expect(last.snap.tables).toEqual([])
      await quiescentAfter(40)
      await s.seek(prev.step)
      expect(await s.run.snapshot()).toEqual(full)
    } finally {
      await s.close()
    }
  })

  it('after thinning merges deltas, every kept snapshot still restores exactly', async () => {
    const c = makeCase(300)
    const s = await c.open({ minInterval: 6, maxInterval: 6, entryBudget: 60, frameAfter: 4 })
    try {
      await s.step({ kind: 'end' })
      const total = (await s.status()).step
      expect(s.timeTravel.interval).toBeGreaterThan(6)
      for (const x of s.timeTravel.snapshots.filter((_, i) => i % 3 === 1).slice(0, 6)) {
        await s.seek(x.step)
        expect(await exact(s), `seek(${x.step})`).toEqual(await sequential(c, x.step, total))
      }
    } finally {
      await s.close()
    }
  })
})
