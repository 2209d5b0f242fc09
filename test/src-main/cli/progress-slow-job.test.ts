// `riffle run`'s progress line for a slow job on a recording smaller than one reader batch (8,192 records), or
// a gzipped one of several: it appears on time and its share of the file follows the records processed, not
// the records (or compressed bytes) read ahead.
// A real child on a pseudo-terminal (script(1)), as a user at a terminal runs it.
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { RIFFLE, writeCase } from '../helpers/run-inline'
import { buildRiffleOnce, ROOT } from '../helpers/riffle-cli'

buildRiffleOnce()

/**
 * Busy-waits `ms` of wall time on every `every`th record (an `every` prime to the 10 keys slows every subtask):
 * the job's own Date is the run's simulated time, globalThis's is not.
 */
function slowJob(ms: number, every: number): string {
  return `${RIFFLE}class Slow extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) {
    const until = Number(e.i) % ${every} === 0 ? globalThis.Date.now() + ${ms} : 0
    while (globalThis.Date.now() < until) { /* the job's work */ }
    out.collect(e.i)
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new Slow())
`
}

/** Lines of one length, so a share of the file's bytes is the same share of its records. */
function records(n: number): { k: string; i: string }[] {
  return Array.from({ length: n }, (_, i) => ({ k: `k${i % 10}`, i: String(i).padStart(6, '0') }))
}

/** The progress lines a run drew on its terminal: records so far and the share of the file. */
function progressLines(total: number, extra: string[] = [], o: { gzip?: boolean; slowEvery?: number } = {}): { records: number; percent: number }[] {
  const c = writeCase(slowJob(2, o.slowEvery ?? 1), records(total))
  let recording = c.recordingPath
  if (o.gzip === true) {
    recording = `${c.recordingPath}.gz`
    writeFileSync(recording, gzipSync(readFileSync(c.recordingPath)))
  }
  const cmd = [process.execPath, join(ROOT, 'bin/riffle.mjs'), 'run', c.jobPath, recording, '--out', '/dev/null', ...extra].join(' ')
  const env = { ...process.env, RIFFLE_PROGRESS_AFTER_MS: '100' }
  const tty = spawnSync('script', ['-qfec', cmd, '/dev/null'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env })
  expect(tty.status, tty.stdout).toBe(0)
  expect(tty.stdout).toContain(`records in:      ${total}`)
  return [...tty.stdout.matchAll(/riffle: ([\d,]+) records · [\d,]+ records\/s · (\d+)% of the file/g)]
    .map((m) => ({ records: Number(m[1].replace(/,/g, '')), percent: Number(m[2]) }))
}

/** Shown while the job is still at work, each line's share no more than a step's worth past the records processed. */
function expectFollowsRecords(lines: { records: number; percent: number }[], total: number): void {
  const midRun = lines.filter((l) => l.records > 0 && l.records < total)
  expect(midRun.length, JSON.stringify(lines)).toBeGreaterThan(3)
  for (const l of lines) expect(l.percent, JSON.stringify(l)).toBeLessThanOrEqual(Math.floor((100 * (l.records + 70)) / total))
  expect(midRun.some((l) => l.percent > 0 && l.percent < 100)).toBe(true)
}

describe('riffle run: progress of a slow job', () => {
  it('shows lines while the job works, each with the share of the file of the records processed so far', () => {
    expectFollowsRecords(progressLines(1500), 1500)
  })

  it('does so with --parallelism 2 as well (the first subtask counts, every subtask sees every record)', () => {
    expectFollowsRecords(progressLines(1500, ['--parallelism', '2']), 1500)
  })

  // Before, a gzipped recording's share was of the compressed bytes read ahead (the whole file, compressed to
  // less than one read, at the end of the first batch): from record 8,192 of 20,000 on, the line said 100%.
  it('follows the records processed in a gzipped recording of several batches', () => {
    expectFollowsRecords(progressLines(20_000, [], { gzip: true, slowEvery: 7 }), 20_000)
  })

  it('does so with --parallelism 2 as well (the main thread reads the gzipped file for the subtasks)', () => {
    expectFollowsRecords(progressLines(20_000, ['--parallelism', '2'], { gzip: true, slowEvery: 7 }), 20_000)
  })
})
