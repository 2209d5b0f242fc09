// The seek benchmark (bench/seek.mjs) on a small generated recording, so `npm run bench`'s
// seek part keeps working: it reports median/p99 seek latency for heap and LevelDB and the snapshot overhead
// (`npm run bench` leaves LevelDB to bench/leveldb-time-travel.mjs).
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../helpers/run-inline'

const root = join(__dirname, '../../../..')

describe('seek benchmark', () => {
  it('measures seek latency on heap and LevelDB for the reference job', async () => {
    const recording = join(tempDir(), 'clicks.jsonl')
    execFileSync(process.execPath, [join(root, 'scripts/gen-recording.mjs'), '--events', '3000', '--users', '200', '--seed', '7', '--out', recording], { stdio: 'pipe' })
    const { runSeekBench } = await import(join(root, 'bench/seek.mjs'))
    const lines: string[] = []
    const r = await runSeekBench({ root, recording, job: join(root, 'bench/reference-sessionizer.ts'), log: (s: string) => lines.push(s), heapSeeks: 20, leveldbSeeks: 5 })
    expect(r.heap.steps).toBeGreaterThan(3000)
    expect(r.leveldb.steps).toBe(r.heap.steps)
    expect(r.heap.seeks).toBe(20)
    for (const x of [r.heap, r.leveldb]) {
      expect(x.medianMs).toBeGreaterThan(0)
      expect(x.p99Ms).toBeGreaterThanOrEqual(x.medianMs)
      expect(x.snapshots).toBeGreaterThan(0)
    }
    expect(typeof r.overheadPercent).toBe('number')
  }, 120_000)
})
