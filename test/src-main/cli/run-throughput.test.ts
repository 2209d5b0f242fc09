// The summary's throughput: a 40-record Python run said "throughput: 27 records/s" because Pyodide's start-up (and
// the job's compile, the state's opening) was in the time it divided by. It is of the run itself, from the first
// record read to the last, and says so; the TypeScript run's summary follows the same rule.
import { execFileSync, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'

const root = join(__dirname, '../../..')
beforeAll(() => { execFileSync(process.execPath, [join(root, 'bin/riffle-build.mjs')], { cwd: root, stdio: 'pipe' }) })

const LINE = /\n {2}throughput: {6}(\d+) records\/s \(40 records in (\d+(?:\.\d+)?) (ms|s) of running, from the first record read to the last: start-up not counted\)\n/

describe('riffle run: the throughput', () => {
  it.each(['examples/sessionizer-seed.py', 'examples/sessionizer-seed.ts'])('of %s is of the records over the run\'s own time, start-up left out', (job) => {
    const r = spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), 'run', job, 'recordings/clicks-small.jsonl'], { cwd: root, encoding: 'utf8', timeout: 120_000 })
    expect(r.status, r.stderr).toBe(0)
    const m = LINE.exec(r.stderr)
    expect(m, r.stderr).not.toBeNull()
    const perSecond = Number(m![1])
    const runSeconds = Number(m![2]) / (m![3] === 'ms' ? 1000 : 1)
    const total = Number(/riffle: done in (\d+\.\d+) s/.exec(r.stderr)![1])
    // The run is part of the whole: never longer than it (the whole is shown to 10 ms).
    expect(runSeconds).toBeLessThanOrEqual(total + 0.005)
    // Pyodide's start-up alone takes far longer than 40 records: left out, the run's time is well short of the whole.
    if (job.endsWith('.py')) expect(runSeconds).toBeLessThan(total - 0.1)
    // The rate is the 40 records over the time shown (each rounded: to the ms or 10 ms, to the record/s).
    const shownTo = m![3] === 'ms' ? 0.0005 : 0.005
    expect(Math.abs(perSecond * runSeconds - 40)).toBeLessThanOrEqual(perSecond * shownTo + runSeconds + 0.5)
  })
})
