// Seek on the LevelDB backend (engine/state/leveldb/history/): snapshots keep keyed state as deltas and
// frames of the database's records in a history database on disk, and a restore rewrites the records
// that differ and reloads rows and timer indexes. Whatever the path (near seeks that rewrite a few keys,
// far ones that compare everything, forward or back from the live position, after re-executing), the
// run must be exactly where a sequential LevelDB run is: tables in order, TTL stamps, timers with their
// sequence numbers, the key registry, the driver, the watermarks and the output log.
import { existsSync } from 'node:fs'
import { dirname } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { DebugSession } from '../../../../src-main/debugger/debug-session'
import { HistoryDb } from '../../../../src-main/engine/state/leveldb/history/history-db'
import { makeCase } from '../time-travel-job'

/** Everything of the run that a sequential run must equal (the reader's batch boundaries may differ). */
async function exact(s: DebugSession): Promise<unknown> {
  const { reader: _reader, ...run } = await s.run.snapshot()
  return { run, outputs: (await s.outputs(0, 1e9)).items, status: await s.status() }
}

/** The sequential LevelDB run's view at each step asked for, from one fresh session stepped forward. */
async function sequentialViews(c: ReturnType<typeof makeCase>, steps: number[], total: number): Promise<Map<number, unknown>> {
  const fresh = await c.open({ minInterval: Number.MAX_SAFE_INTEGER, maxInterval: Number.MAX_SAFE_INTEGER, incremental: false })
  const out = new Map<number, unknown>()
  try {
    for (const t of [...new Set(steps)].sort((a, b) => a - b)) {
      const at = (await fresh.status()).step
      if (t > at) await fresh.step({ kind: 'end' }, t === total ? Number.MAX_SAFE_INTEGER : t - at)
      out.set(t, await exact(fresh))
    }
  } finally {
    await fresh.close()
  }
  return out
}

describe('seek on the LevelDB backend', () => {
  it('random seeks (fast-check) on a job with TTL state, event- and processing-time timers give a sequential run\'s state, timers and outputs', async () => {
    const c = makeCase(500, undefined, undefined, 'leveldb')
    const s = await c.open({ minInterval: 19, maxInterval: 19, frameAfter: 2 })
    try {
      await s.step({ kind: 'end' })
      const total = (await s.status()).step
      const ldb = s.timeTravel.ldb!
      expect(ldb).not.toBeNull()
      // Deltas and frames both, and no keyed state held in the snapshots themselves.
      const parts = s.timeTravel.snapshots.map((x) => x.ldb!)
      expect(parts.filter((p) => p.frame !== null).length).toBeGreaterThan(1)
      expect(parts.filter((p) => p.frame === null).length).toBeGreaterThan(5)
      expect(s.timeTravel.snapshots.every((x) => x.snap.tables.length === 0 && x.snap.nodes.every((n) => (n.keyed?.keys.length ?? 0) === 0))).toBe(true)
      const seqs = fc.sample(fc.array(fc.integer({ min: 0, max: total }), { minLength: 6, maxLength: 10 }), { numRuns: 3, seed: 42 })
      const all = seqs.flat().concat([0, total, total - 1, 1])
      const expected = await sequentialViews(c, all, total)
      const modes = new Set<string>()
      for (const t of all) {
        await s.seek(t)
        modes.add(ldb.lastRestore?.mode ?? 'none')
        expect(await exact(s), `seek(${t})`).toEqual(expected.get(t))
      }
      // Both ways of restoring were taken.
      expect(modes).toContain('partial')
      expect(modes).toContain('full')
    } finally {
      await s.close()
    }
  })

  it('after a seek back, stepping on (re-executed steps, new snapshots between old ones) and seeking again stays exact', async () => {
    const c = makeCase(300, undefined, undefined, 'leveldb')
    const s = await c.open({ minInterval: 23, maxInterval: 23 })
    try {
      await s.step({ kind: 'end' })
      const total = (await s.status()).step
      const expected = await sequentialViews(c, [50, 61, 62, 140, 200, total], total)
      await s.seek(200)
      await s.seek(50)
      await s.step({ kind: 'end' }, 12)
      expect(await exact(s)).toEqual(expected.get(62))
      await s.stepBack()
      expect(await exact(s)).toEqual(expected.get(61))
      for (const t of [140, 50, total, 61]) {
        await s.seek(t)
        expect(await exact(s), `seek(${t})`).toEqual(expected.get(t))
      }
    } finally {
      await s.close()
    }
  })

  it('stepping back one step at a time matches what stepping forward showed', async () => {
    const c = makeCase(60, undefined, undefined, 'leveldb')
    const s = await c.open({ minInterval: 16, maxInterval: 16 })
    try {
      const views: unknown[] = []
      for (let i = 0; i < 30; i++) { views.push(await exact(s)); await s.step({ kind: 'step' }) }
      for (let i = 29; i >= 20; i--) {
        await s.stepBack()
        const { outputs: _o, ...now } = await exact(s) as { outputs: unknown }
        const { outputs: _p, ...then } = views[i] as { outputs: unknown }
        expect(now, `back to ${i}`).toEqual(then)
      }
    } finally {
      await s.close()
    }
  })

  it('the history lives in a folder of its own that closing the session removes', async () => {
    const c = makeCase(100, undefined, undefined, 'leveldb')
    const s = await c.open({ minInterval: 10, maxInterval: 10 })
    const dir = s.timeTravel.ldb!.dir
    expect(existsSync(dir)).toBe(true)
    await s.step({ kind: 'end' })
    expect(s.timeTravel.ldb!.journaled).toBeLessThan(200)
    await s.close()
    expect(existsSync(dir)).toBe(false)
    expect(existsSync(dirname(dir))).toBe(false)
  })

  it('a history database held by another session is refused with STATE_LOCKED and says which folder', async () => {
    const c = makeCase(20, undefined, undefined, 'leveldb')
    const s = await c.open()
    try {
      const dir = s.timeTravel.ldb!.dir
      const err = await HistoryDb.open(dir, null).then(() => null, (e: unknown) => e)
      expect(err).toMatchObject({ code: 'STATE_LOCKED' })
      expect((err as Error).message).toContain(dir)
      expect((err as Error).message).toMatch(/in use by another session/)
    } finally {
      await s.close()
    }
  })
})
