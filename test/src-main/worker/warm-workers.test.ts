// Python sessions take a spare worker made (and told to load Python) when the previous Python session started;
// other sessions never do, and a spare that died or does not fit the session's limits is not used.
import { afterEach, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { WorkerHost, type WorkerLimits } from '../../../src-main/worker/worker-host'
import { warmWorkers } from '../../../src-main/worker/warm-workers'

execFileSync(process.execPath, [join(import.meta.dirname, '../../../bin/riffle-build.mjs')])

const made: WorkerHost[] = []
const make = (ms: number | undefined, describe: ((l: number) => string) | undefined, limits: WorkerLimits): WorkerHost => {
  const h = new WorkerHost(ms, describe, limits)
  made.push(h)
  return h
}
const line = (n: number): string => `line ${n}`

afterEach(async () => { await Promise.all(made.splice(0).map((h) => h.terminate())) })

describe('warm workers', () => {
  it('a Python session takes the spare the previous Python session left warming, and leaves a new one', async () => {
    const pool = warmWorkers(make)
    const first = pool.take(true, undefined, line, {})
    expect(made).toHaveLength(2) // the session's worker and the spare now warming
    const second = pool.take(true, undefined, line, {})
    expect(second).toBe(made[1])
    expect(second).not.toBe(first)
    expect(made).toHaveLength(3)
    await pool.dispose()
    expect(made[2].deathInfo).not.toBeNull()
  })

  it('a TypeScript session never takes the spare, and a spare that died or has other limits is replaced', async () => {
    const pool = warmWorkers(make)
    pool.take(true, undefined, line, {})
    const ts = pool.take(false, undefined, line, {})
    expect(ts).toBe(made[2])
    made[1].stop('killed for the test')
    const afterDeath = pool.take(true, undefined, line, {})
    expect(afterDeath).toBe(made[3])
    const otherWatchdog = pool.take(true, 1000, line, {})
    expect(otherWatchdog).not.toBe(made[4])
    expect(made[4].deathInfo).not.toBeNull()
    await pool.dispose()
  })
})
