// `riffle run`, `test` and `trace` refuse a timestamp with a fraction as Flink's longs would: the assigner's 1.5 is
// the job's error at the assigner's line (exit 1), a `$watermark` line's 1.5 a bad recording line (exit 2), at any
// parallelism (engine/time/timestamp-range.ts).
import { execFileSync, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { RIFFLE, writeCase } from '../helpers/run-inline'

const root = join(__dirname, '../../..')
beforeAll(() => { execFileSync(process.execPath, [join(root, 'bin/riffle-build.mjs')], { cwd: root, stdio: 'pipe' }) })

function riffle(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const JOB = `${RIFFLE}class F extends KeyedProcessFunction<string, any, any> {
  processElement(e: any, ctx: any, out: any) { out.collect([e.k, ctx.timestamp()]) }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.k).process(new F())
`

describe('fractional timestamps on the command line', () => {
  const cmds = (c: { dir: string; jobPath: string; recordingPath: string }): string[][] => [
    ['run', c.jobPath, c.recordingPath],
    ['run', c.jobPath, c.recordingPath, '--parallelism', '2'],
    ['test', c.jobPath, c.recordingPath, '--expect', join(c.dir, 'golden.jsonl'), '--update'],
    ['trace', c.jobPath, c.recordingPath, '--step', '2'],
  ]

  it('an assigner returning 1.5 stops run, test and trace at the job\'s line (exit 1)', () => {
    const c = writeCase(JOB, [{ k: 'a', ts: 1 }, { k: 'b', ts: 1.5 }, { k: 'a', ts: 3 }])
    for (const args of cmds(c)) {
      const r = riffle(...args)
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(1)
      expect(r.stderr).toContain('riffle: JOB_THREW: timestamp assigner threw TypeError: the timestamp assigner returned 1.5 for {"k":"b","ts":1.5}: ' +
        `a timestamp is a whole number of milliseconds (Flink's long), not a fraction: round it (Math.floor) at ${c.jobPath}:10:`)
      expect(r.stderr).toContain(`while processing ${c.recordingPath}:2:`)
    }
  })

  it('a {"$watermark": 1.5} line is a bad line of the recording (exit 2)', () => {
    const c = writeCase(JOB, [{ k: 'a', ts: 1 }, { $watermark: 1.5 }, { k: 'a', ts: 3 }])
    for (const args of cmds(c)) {
      const r = riffle(...args)
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2)
      expect(r.stderr).toContain(`riffle: BAD_LINE: ${c.recordingPath}:2: $watermark: 1.5, a fraction: a timestamp is a whole number of milliseconds (Flink's long)`)
    }
  })
})
