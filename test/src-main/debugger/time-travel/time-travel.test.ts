// Seek and step back: restoring the nearest snapshot and re-executing gives exactly what a
// sequential run to that step gives — state (TTL stamps included), timers, watermarks, processing time,
// key registry and the output log. On both backends (LevelDB keeps its history on disk).
import { describe, expect, it } from 'vitest'
import { makeCase as makeCaseOn, observable } from '../time-travel-job'

describe.each(['heap', 'leveldb'] as const)('seek and step back (%s)', (backend) => {
  const makeCase = (n: number): ReturnType<typeof makeCaseOn> => makeCaseOn(n, undefined, undefined, backend)

  it('seek to random steps, back and forth, matches a fresh session stepped there', async () => {
    const c = makeCase(400)
    const s = await c.open({ minInterval: 37, maxInterval: 37 })
    try {
      await s.step({ kind: 'end' })
      const total = (await s.status()).step
      expect(total).toBeGreaterThan(400)
      expect(s.timeTravel.snapshots.length).toBeGreaterThan(5)
      let x = 11
      const targets = [0, 1, total, total - 1, 36, 37, 38]
      for (let i = 0; i < 10; i++) { x = (x * 48271) % 2147483647; targets.push(x % (total + 1)) }
      for (const t of targets) {
        const r = await s.seek(t)
        expect(r.status.step).toBe(t)
        const fresh = await c.open()
        // The last step reached by seek is the finished run, as the user saw it at the end.
        if (t > 0) await fresh.step({ kind: 'end' }, t === total ? Number.MAX_SAFE_INTEGER : t)
        expect(await observable(s), `seek(${t})`).toEqual(await observable(fresh))
        await fresh.close()
      }
    } finally {
      await s.close()
    }
  })

  it('seek returns the reached step with what it changed, like stepping onto it', async () => {
    const c = makeCase(120)
    const s = await c.open({ minInterval: 20, maxInterval: 20 })
    const fresh = await c.open()
    try {
      await s.step({ kind: 'end' })
      await fresh.step({ kind: 'end' }, 49)
      const stepped = (await fresh.step({ kind: 'step' })).steps[0]
      const r = await s.seek(50)
      expect(r.last).toEqual(stepped)
      expect(r.fromSnapshot).toBe(40)
      expect((await s.seek(0)).last).toBeNull()
    } finally {
      await s.close()
      await fresh.close()
    }
  })

  it('step back undoes one step at a time, down to step 0', async () => {
    const c = makeCase(60)
    const s = await c.open({ minInterval: 16, maxInterval: 16 })
    try {
      const views = []
      for (let i = 0; i < 40; i++) views.push(await observable(s), (await s.step({ kind: 'step' })).steps[0])
      for (let i = 39; i >= 0; i--) {
        const r = await s.stepBack()
        expect(r.status.step).toBe(i)
        expect(await observable(s), `back to ${i}`).toEqual(views[2 * i])
      }
      expect((await s.stepBack()).status.step).toBe(0)
    } finally {
      await s.close()
    }
  })

  it('after a seek back, stepping forward again reproduces the same steps and outputs', async () => {
    const c = makeCase(150)
    const s = await c.open({ minInterval: 25, maxInterval: 25 })
    try {
      const first = await s.step({ kind: 'end' })
      const outputs = (await s.outputs(0, 1e9)).items
      await s.seek(10)
      const again = await s.step({ kind: 'end' })
      expect(again.status).toEqual(first.status)
      expect((await s.outputs(0, 1e9)).items).toEqual(outputs)
    } finally {
      await s.close()
    }
  })

  // LevelDB snapshots keep their keyed state on disk and are never thinned.
  it.skipIf(backend === 'leveldb')('snapshots are only taken between quiescent steps and thinned to the memory budget', async () => {
    const c = makeCase(300)
    const s = await c.open({ minInterval: 5, maxInterval: 5, entryBudget: 200 })
    try {
      await s.step({ kind: 'end' })
      const snaps = s.timeTravel.snapshots
      expect(snaps[0].step).toBe(0)
      expect(snaps.every((x) => x.snap.driver.inFlight === undefined)).toBe(true)
      expect(snaps.reduce((n, x) => n + x.weight, 0)).toBeLessThanOrEqual(400)
      expect(s.timeTravel.interval).toBeGreaterThan(5)
      // Still exact after thinning.
      const fresh = await c.open()
      await fresh.step({ kind: 'end' }, 123)
      await s.seek(123)
      expect(await observable(s)).toEqual(await observable(fresh))
      await fresh.close()
    } finally {
      await s.close()
    }
  })

  it('after DebugSession.restore of an outside snapshot, seeks work from there and before it are refused', async () => {
    const c = makeCase(150)
    const a = await c.open()
    await a.step({ kind: 'end' }, 80)
    while (!a.run.driver.isQuiescent()) await a.step({ kind: 'step' })
    const snap = await a.snapshot()
    const at = (await a.status()).step
    await a.close()
    const s = await c.open({ minInterval: 10, maxInterval: 10 })
    try {
      await s.restore(snap)
      await s.step({ kind: 'end' })
      await s.seek(at + 25)
      const fresh = await c.open()
      await fresh.step({ kind: 'end' }, at + 25)
      // The restored session's output log starts at the restore (it never saw the earlier outputs).
      const strip = (o: unknown): unknown => ({ ...(o as object), outputs: undefined, status: { ...(o as { status: object }).status, recordsOut: 0 } })
      const mine = await observable(s)
      const theirs = await observable(fresh)
      expect(strip(mine)).toEqual(strip(theirs))
      const tail = (o: unknown): unknown[] => (o as { outputs: Array<{ step: number; value: unknown }> }).outputs.filter((x) => x.step > at).map((x) => [x.step, x.value])
      expect(tail(mine)).toEqual(tail(theirs))
      await fresh.close()
      await expect(s.seek(at - 1)).rejects.toMatchObject({ code: 'BAD_ARGUMENT' })
    } finally {
      await s.close()
    }
  })

  it('a bad seek target is refused with BAD_ARGUMENT', async () => {
    const c = makeCase(10)
    const s = await c.open()
    try {
      await expect(s.seek(-1)).rejects.toMatchObject({ code: 'BAD_ARGUMENT' })
      await expect(s.seek(1.5)).rejects.toMatchObject({ code: 'BAD_ARGUMENT' })
    } finally {
      await s.close()
    }
  })
})
