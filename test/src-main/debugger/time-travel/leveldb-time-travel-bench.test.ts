// The LevelDB time-travel benchmark (bench/leveldb-time-travel.mjs) on a small generated recording, so
// `npm run bench` keeps working: each run in its own process, peak RSS with and without time travel, seek
// latency over random seeks, and one `goal | figure | target | met` row per goal.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../helpers/run-inline'

const root = join(__dirname, '../../../..')

describe('LevelDB time-travel benchmark', () => {
  it('measures peak RSS with and without time travel and seek latency, one row per goal', async () => {
    const recording = join(tempDir(), 'clicks.jsonl')
    execFileSync(process.execPath, [join(root, 'scripts/gen-recording.mjs'), '--events', '3000', '--users', '200', '--seed', '7', '--out', recording], { stdio: 'pipe' })
    const { runLevelDbTimeTravelBench } = await import(join(root, 'bench/leveldb-time-travel.mjs'))
    const r = await runLevelDbTimeTravelBench({ root, recording, job: join(root, 'bench/reference-sessionizer.ts'), seeks: 6, log: () => undefined })
    expect(r.plain.steps).toBeGreaterThan(3000)
    expect(r.tt.steps).toBe(r.plain.steps)
    expect(r.plain.snapshots).toBe(1)
    expect(r.tt.snapshots).toBeGreaterThan(1)
    expect(r.tt.seeks).toBe(6)
    expect(r.tt.p99Ms).toBeGreaterThanOrEqual(r.tt.medianMs)
    expect(r.ratio).toBeCloseTo(r.tt.forwardPeakRssMb / r.plain.forwardPeakRssMb)
    expect(r.rows.map((x: unknown[]) => x[2])).toEqual(['≤ 1.5×', '≤ 250 ms', '≤ 1000 ms', '< 2.75×', '≤ budget (1024 MB)'])
    expect(r.tt.diskPeakMb).toBeLessThanOrEqual(r.tt.diskBudgetMb)
  }, 120_000)
})
