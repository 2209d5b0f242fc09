// The summary of a run resumed from a savepoint: "records in" counted the savepoint's records as well (50000 for a
// run that read 30000), beside a "records out" of this run only, and the throughput divided all of them by this
// run's time. It now counts this run's records and says where in the recording they were.
import { execFileSync, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/run-inline'

const root = join(__dirname, '../../..')
beforeAll(() => { execFileSync(process.execPath, [join(root, 'bin/riffle-build.mjs')], { cwd: root, stdio: 'pipe' }) })

function riffle(...args: string[]): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 })
  return { code: r.status, stderr: r.stderr }
}

describe('riffle run --from-savepoint: the summary', () => {
  it.each([1, 2])('at --parallelism %i, records in are this run\'s, from the record after the savepoint\'s', (parallelism) => {
    const sp = join(tempDir(), 'sp')
    const job = 'examples/running-count.ts'
    const rec = 'recordings/clicks-small.jsonl'
    const first = riffle('run', job, rec, '--stop-after', '10', '--savepoint-out', sp)
    expect(first.code, first.stderr).toBe(0)
    expect(first.stderr).toMatch(/records in: {6}10\n/)
    const resumed = riffle('run', job, rec, '--from-savepoint', sp, '--parallelism', String(parallelism))
    expect(resumed.code, resumed.stderr).toBe(0)
    expect(resumed.stderr).toMatch(/records in: {6}30 \(records 11 to 40 of the recording: resumed from the savepoint, which had read 10\)\n/)
    expect(resumed.stderr).toMatch(/records out: {5}30\n/)
  })

  it('from a savepoint taken at the end of the recording, it says nothing was left, not "records 41 to 40"', () => {
    const sp = join(tempDir(), 'sp')
    const job = 'examples/running-count.ts'
    const rec = 'recordings/clicks-small.jsonl'
    expect(riffle('run', job, rec, '--savepoint-out', sp).code).toBe(0)
    const resumed = riffle('run', job, rec, '--from-savepoint', sp)
    expect(resumed.code, resumed.stderr).toBe(0)
    expect(resumed.stderr).toMatch(/records in: {6}0 \(the savepoint had read all 40 records of the recording: nothing was left to run\)\n/)
  })

  it('--stop-after at or before the savepoint\'s own position is refused (exit 2): it counts the whole recording, and no record would run', () => {
    const d = tempDir()
    const sp = join(d, 'sp')
    const job = 'examples/running-count.ts'
    const rec = 'recordings/clicks-small.jsonl'
    expect(riffle('run', job, rec, '--stop-after', '10', '--savepoint-out', sp).code).toBe(0)
    for (const n of ['5', '10']) {
      const r = riffle('run', job, rec, '--from-savepoint', sp, '--stop-after', n)
      expect(r.code, r.stderr).toBe(2)
      expect(r.stderr).toBe(`riffle: BAD_ARGUMENT: --stop-after ${n} counts the records of the whole recording, and the savepoint of --from-savepoint had read 10 already: no record would run; give more than 10\n`)
    }
    // The same position with --savepoint-out writes the savepoint again, as --stop-after 0 does before the first record.
    const again = riffle('run', job, rec, '--from-savepoint', sp, '--stop-after', '10', '--savepoint-out', join(d, 'sp2'))
    expect(again.code, again.stderr).toBe(0)
    expect(again.stderr).toMatch(/records in: {6}0 \(resumed from the savepoint, which had read 10: --stop-after 10 ran none\)\n/)
  })
})
