// `npx riffle run|test|trace` over a recording with lines that are not UTF-8: each is a bad line (exit 2 with
// file:line: not UTF-8: byte … at column …, or skipped and listed with --skip-bad-lines), also at --parallelism 2
// and from standard input. Before, both lines below decoded to the key "u��" and counted as one user's.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildRiffleOnce, riffle, ROOT } from '../helpers/riffle-cli'
import { firstDifference, runParallel } from '../helpers/parallel-run'

buildRiffleOnce()
const tmp = mkdtempSync(join(tmpdir(), 'riffle-not-utf8-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const JOB = 'examples/running-count.ts'
const rec = join(tmp, 'rec.jsonl')
writeFileSync(rec, Buffer.concat([
  Buffer.from('{"ts":1,"user_id":"a","type":"view"}\n{"ts":2,"user_id":"u'), Buffer.from([0xff, 0xfe]), Buffer.from('","type":"view"}\n'),
  Buffer.from('{"ts":3,"user_id":"u'), Buffer.from([0xfe, 0xff]), Buffer.from('","type":"view"}\n'),
  Buffer.from('{"ts":4,"user_id":"日本🙂","type":"view"}\n{"ts":5,"user_id":"a","type":"view"}\n'),
]))
const WHY2 = 'not UTF-8: byte 0xFF at column 21 (a recording is UTF-8 text)'
const WHY3 = 'not UTF-8: byte 0xFE at column 21 (a recording is UTF-8 text)'
const GOOD = ['{"value":["a",1],"timestamp":null}', '{"value":["日本🙂",1],"timestamp":null}', '{"value":["a",2],"timestamp":null}']

describe('a recording with lines that are not UTF-8', () => {
  for (const parallelism of ['1', '2']) {
    it(`riffle run --parallelism ${parallelism}: exit 2 with file:line: reason; --skip-bad-lines skips exactly those lines`, () => {
      const stopped = riffle('run', JOB, rec, '--out', '-', '--parallelism', parallelism)
      expect(stopped.code).toBe(2)
      expect(stopped.stderr).toContain(`riffle: BAD_LINE: ${rec}:2: ${WHY2}\n`)
      const r = riffle('run', JOB, rec, '--out', '-', '--parallelism', parallelism, '--skip-bad-lines')
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout.trim().split('\n').sort()).toEqual([...GOOD].sort())
      expect(r.stderr).toContain(`bad lines skipped: 2\n    ${rec}:2: ${WHY2}\n    ${rec}:3: ${WHY3}\n`)
      expect(r.stderr).toMatch(/records in:\s+3\n/)
    })
  }

  it('riffle test: exit 2 with the bad line', () => {
    const golden = join(tmp, 'golden.jsonl')
    writeFileSync(golden, GOOD.join('\n') + '\n')
    const r = riffle('test', JOB, rec, '--expect', golden)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`riffle: BAD_LINE: ${rec}:2: ${WHY2}\n`)
    expect(riffle('test', JOB, rec, '--expect', golden, '--skip-bad-lines').code).toBe(0)
  })

  it('riffle trace: exit 2 with the bad line; with --skip-bad-lines step 2 is line 4', () => {
    const r = riffle('trace', JOB, rec, '--step', '2')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`riffle: BAD_LINE: ${rec}:2: ${WHY2}\n`)
    const s = riffle('trace', JOB, rec, '--step', '2', '--skip-bad-lines')
    expect(s.code, s.stderr).toBe(0)
    expect(s.stdout).toContain('step 2  record  key "日本🙂"  rec.jsonl:4')
  })

  it('piped on standard input: the same, naming standard input', () => {
    const input = spawnSync('cat', [rec]).stdout
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/riffle.mjs'), 'run', JOB, '-', '--out', '-', '--skip-bad-lines'], { cwd: ROOT, input, encoding: 'utf8' })
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout.trim().split('\n')).toEqual(GOOD)
    expect(r.stderr).toContain(`bad lines skipped: 2\n    standard input:2: ${WHY2}\n    standard input:3: ${WHY3}\n`)
  })

  it('--parallelism 2 with lines routed: such a line is every subtask\'s bad line, not a record of its U+FFFD key\'s subtask', () => {
    // Were it routed to the owner of "u��", the other subtask would take its timestamp (far ahead) as a record
    // of another subtask's and raise its watermark: timers would fire early, and differ from the unrouted run.
    const job = join(tmp, 'watermarks.ts')
    writeFileSync(job, `import { KeyedProcessFunction, WatermarkStrategy, Duration } from 'riffle'
class Wm extends KeyedProcessFunction<string, { ts: number }, unknown> {
  processElement(e: { ts: number }, ctx: any, out: { collect(v: unknown): void }) {
    ctx.timerService().registerEventTimeTimer(e.ts + 1500)
    out.collect({ k: ctx.getCurrentKey(), wm: ctx.timerService().currentWatermark() })
  }
  onTimer(ts: number, ctx: any, out: { collect(v: unknown): void }) { out.collect({ k: ctx.getCurrentKey(), ts }) }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(200)).withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.user_id).process(new Wm())
`)
    const clicks = readFileSync(join(ROOT, 'recordings/clicks.jsonl'), 'utf8').split('\n').slice(0, 2000)
    const file = join(tmp, 'clicks-not-utf8.jsonl')
    writeFileSync(file, Buffer.concat([
      Buffer.from(clicks.slice(0, 1000).join('\n') + '\n{"ts":9999999999999,"user_id":"u'), Buffer.from([0xff, 0xfe]),
      Buffer.from('","type":"view"}\n' + clicks.slice(1000).join('\n') + '\n'),
    ]))
    const routed = runParallel(tmp, job, file, 2, true, ['--skip-bad-lines'])
    const whole = runParallel(tmp, job, file, 2, false, ['--skip-bad-lines'])
    expect(routed.status, routed.stderr).toBe(0)
    expect(routed.saidRouted).toBe(true)
    expect(routed.stderr).toContain(`bad lines skipped: 1\n    ${file}:1001: ${WHY2.replace('21', '33')}\n`)
    expect(firstDifference(routed.out, whole.out)).toBe(null)
  }, 60_000)
})
