// Seek on the LevelDB backend (engine/state/leveldb/history/): each snapshot's keyed state is a checkpoint
// of the state database on disk (hard-linked table files, the memory-ordered timer indexes beside), and a
// restore reopens the database on it and reloads rows and timer indexes. Whatever the path (forward or
// back from the live position, after re-executing, after thinning), the run must be exactly where a
// sequential LevelDB run is: tables in order, TTL stamps, timers with their sequence numbers, the key
// registry, the driver, the watermarks and the output log.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { DebugSession } from '../../../../src-main/debugger/debug-session'
import { OWNER_FILE, removeOrphanedTempDirs } from '../../../../src-main/engine/state/temp-state-dirs'
import { TIMERS_DIR } from '../../../../src-main/engine/state/leveldb/history/leveldb-checkpoints'
import { FIELDS_JOB, JOB, makeCase } from '../time-travel-job'

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
  // FIELDS_JOB keeps counts in plain fields too: its outputs show them, so a restore must put the fields back.
  it.each([['a job', JOB], ['a job counting in plain fields', FIELDS_JOB]])('random seeks (fast-check) on %s with TTL state, event- and processing-time timers give a sequential run\'s state, timers and outputs', async (_name, job) => {
    const c = makeCase(500, job, undefined, 'leveldb')
    const s = await c.open({ minInterval: 19, maxInterval: 19 })
    try {
      await s.step({ kind: 'end' })
      const total = (await s.status()).step
      const ldb = s.timeTravel.ldb!
      expect(ldb).not.toBeNull()
      // A checkpoint per snapshot, and no keyed state held in the snapshots themselves.
      expect(ldb.count).toBe(s.timeTravel.snapshots.length)
      expect(ldb.count).toBeGreaterThan(20)
      expect(s.timeTravel.snapshots.every((x) => x.snap.tables.length === 0 && x.snap.nodes.every((n) => (n.keyed?.keys.length ?? 0) === 0))).toBe(true)
      const seqs = fc.sample(fc.array(fc.integer({ min: 0, max: total }), { minLength: 6, maxLength: 10 }), { numRuns: 3, seed: 42 })
      const all = seqs.flat().concat([0, total, total - 1, 1])
      const expected = await sequentialViews(c, all, total)
      let restored = 0
      for (const t of all) {
        await s.seek(t)
        if (ldb.lastRestore !== null) restored++
        ldb.lastRestore = null
        expect(await exact(s), `seek(${t})`).toEqual(expected.get(t))
      }
      expect(restored).toBeGreaterThan(all.length / 2)
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

  it('thinning to a disk budget drops checkpoints (and their folders) and seeks stay exact', async () => {
    const c = makeCase(500, undefined, undefined, 'leveldb')
    // A budget below one checkpoint's size: every capture past the third thins.
    const s = await c.open({ minInterval: 10, maxInterval: 10, diskBudget: 1 })
    try {
      await s.step({ kind: 'end' })
      const total = (await s.status()).step
      const ldb = s.timeTravel.ldb!
      expect(s.timeTravel.interval).toBeGreaterThan(100)
      expect(ldb.count).toBe(s.timeTravel.snapshots.length)
      expect(readdirSync(ldb.dir).filter((n) => n !== OWNER_FILE && n !== TIMERS_DIR)).toHaveLength(ldb.count)
      const targets = [0, 7, Math.floor(total / 3), Math.floor(total / 2) + 5, total - 3, total]
      const expected = await sequentialViews(c, targets, total)
      for (const t of targets) {
        await s.seek(t)
        expect(await exact(s), `seek(${t})`).toEqual(expected.get(t))
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
    expect(s.timeTravel.ldb!.count).toBeGreaterThan(5)
    expect(s.timeTravel.ldb!.bytes).toBeGreaterThan(0)
    await s.close()
    expect(existsSync(dir)).toBe(false)
  })

  it('the history folder of a process that is gone (kill -9) is removed by the next sweep; a live owner\'s stays', () => {
    const parent = join(tmpdir(), `riffle-test-sweep-${process.pid}-${Date.now()}`)
    const dead = join(parent, 'riffle-history-dead')
    const live = join(parent, 'riffle-history-live')
    for (const [dir, pid] of [[dead, 2 ** 22 + 12345], [live, process.pid]] as const) {
      mkdirSync(join(dir, '0'), { recursive: true })
      writeFileSync(join(dir, '0', '000005.ldb'), 'x')
      writeFileSync(join(dir, OWNER_FILE), `${pid}\n`)
    }
    try {
      expect(removeOrphanedTempDirs(parent)).toEqual([dead])
      expect(existsSync(dead)).toBe(false)
      expect(existsSync(live)).toBe(true)
    } finally {
      rmSync(parent, { recursive: true, force: true })
    }
  })
})
