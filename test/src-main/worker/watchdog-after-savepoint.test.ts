// A watchdog stop after Load savepoint…: when the stop needs a fresh worker (a regular expression that backtracks
// forever is no loop the interrupt reaches), the fresh worker loads the same savepoint and re-runs from its step, so
// the session stands where a session that loaded it and went to the step before the stopped one stands — not at the
// original run's state. Real workers; the savepoint is written by another job on the same recording (its counts are
// 1000 a record), so its state differs from the original run's at its step.
import { execFileSync } from 'node:child_process'
import { readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { SessionHandle } from '../../../src-main/worker/session-worker-client'
import { RIFFLE, writeCase } from '../helpers/run-inline'
import { savepointDir, startWorkerSession } from '../helpers/savepoint-case'

const root = join(__dirname, '../../..')
beforeAll(() => { execFileSync(process.execPath, [join(root, 'bin/riffle-build.mjs')], { cwd: root, stdio: 'pipe' }) })

/** The counting job; `by` is what a record adds; a record with `runaway` backtracks forever. */
const job = (by: number): string => `${RIFFLE}class Count extends KeyedProcessFunction<any, any, any> {
  count: any
  open(ctx: any) { this.count = ctx.getState(new ValueStateDescriptor('count', Types.LONG)) }
  processElement(e: any, ctx: any, out: any) {
    if (e.runaway) /^(a+)+$/.test('a'.repeat(40) + '!')
    const c = (this.count.value() ?? 0) + ${by}
    this.count.update(c)
    out.collect([e.k, c])
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new Count())
`

const records = Array.from({ length: 40 }, (_, i) => ({ k: `k${i % 3}`, ...(i + 1 === 30 ? { runaway: true } : {}) }))

/** Everything a step shows: status, every key's state, the outputs. */
async function seen(s: SessionHandle): Promise<unknown> {
  const status = await s.status()
  const op = (await s.operators()).find((o) => o.keyed)!
  const keys = await s.keys({ operatorId: op.id, sort: 'key', offset: 0, limit: 100 })
  const states = await Promise.all(keys.items.map((k) => s.keyState(op.id, k.keyStr)))
  const outputs = await s.outputs(0, 1000)
  return { status, keys, states, outputs }
}

/** The sessions' copies of loaded savepoints this test process made (worker/kept-savepoint.ts). */
const copies = (): string[] => readdirSync(tmpdir()).filter((n) => n.startsWith(`riffle-loaded-${process.pid}-`))

/**
 * A savepoint at step 10 written by the other job (1000 a record), and two sessions of the counting job (2 s watchdog)
 * that loaded it: `stopped` for the stop, `straight` to compare with. Close both in the test.
 */
async function loadedTwice(): Promise<{ dir: string; stopped: SessionHandle; straight: SessionHandle }> {
  const c = writeCase(job(1), records, { files: { 'other.ts': job(1000) } })
  const dir = savepointDir()
  const writer = await startWorkerSession(c, 2000, join(c.dir, 'other.ts'))
  await writer.seek(10)
  await writer.saveSavepoint(dir)
  await writer.close()
  const stopped = await startWorkerSession(c, 2000)
  const straight = await startWorkerSession(c, 2000)
  expect((await stopped.loadSavepoint(dir)).step).toBe(10)
  expect((await straight.loadSavepoint(dir)).step).toBe(10)
  return { dir, stopped, straight }
}

describe('a watchdog stop after a loaded savepoint', () => {
  it('re-runs from the savepoint in the fresh worker, as a session that loaded it stands at the step before', async () => {
    const { stopped, straight } = await loadedTwice()
    try {
      await expect(stopped.step({ kind: 'end' })).rejects.toMatchObject({ code: 'JOB_TIMEOUT' })
      const n = (await stopped.failure())!.step
      expect(n).toBe(30)
      await straight.seek(n - 1)
      const got = await seen(stopped)
      expect(got).toEqual(await seen(straight))
      // The savepoint's counts (1000 a record before its step) are in the state: not the original run's.
      const op = (await stopped.operators()).find((o) => o.keyed)!
      expect(JSON.stringify(await stopped.keyState(op.id, '"k0"'))).toMatch(/"value":4\d{3}/)
      // Time travel goes on from the savepoint's run too.
      await stopped.seek(12)
      await straight.seek(12)
      expect(await seen(stopped)).toEqual(await seen(straight))
    } finally {
      await stopped.close()
      await straight.close()
    }
  }, 120_000)

  // The session keeps its own copy of what it loaded: the folder is the user's, who may save over it (Save savepoint…
  // to the same name, as the CLI's --savepoint-out replaces one) or delete it while the session runs.
  for (const change of ['saved over', 'deleted'] as const) {
    it(`re-runs from what it loaded when the folder was ${change} since`, async () => {
      const { dir, stopped, straight } = await loadedTwice()
      try {
        // The user saves the session over the folder it loaded (step 20 of this run), or deletes it.
        await stopped.seek(20)
        if (change === 'saved over') expect(await stopped.saveSavepoint(dir)).toBe(20)
        else rmSync(dir, { recursive: true })
        await expect(stopped.step({ kind: 'end' })).rejects.toMatchObject({ code: 'JOB_TIMEOUT' })
        expect(stopped.deathInfo).toBeNull()
        const n = (await stopped.failure())!.step
        expect(n).toBe(30)
        await straight.seek(n - 1)
        expect(await seen(stopped)).toEqual(await seen(straight))
        // Steps between the loaded savepoint's and the folder's new one are still there.
        expect(stopped.loadedAt).toBe(10)
        await stopped.seek(12)
        await straight.seek(12)
        expect(await seen(stopped)).toEqual(await seen(straight))
        expect(copies()).toHaveLength(2)
      } finally {
        await stopped.close()
        await straight.close()
      }
      // The copies go with their sessions.
      expect(copies()).toEqual([])
    }, 120_000)
  }
})
