// `riffle run --parallelism 2` with the main thread routing lines (cli/line-router.ts) against the same run
// with every subtask reading the whole recording (RIFFLE_NO_ROUTE=1, as before routing): byte-identical
// output, summary and errors on recordings of awkward lines (in both languages), timers and keys that are numbers;
// and the same records and errors as --parallelism 1. parallelism.test.ts compares the two on every example.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { root } from '../../examples/run-cli'
import { firstDifference, runParallel, sortedLines } from '../helpers/parallel-run'

const tmp = mkdtempSync(join(tmpdir(), 'riffle-routed-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))
beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'bin/riffle-build.mjs')])
})

const run = (job: string, recording: string, parallelism: number, route: boolean, extra: string[] = []): ReturnType<typeof runParallel> =>
  runParallel(tmp, job, recording, parallelism, route, extra)
const sorted = sortedLines

let files = 0

describe('riffle run --parallelism 2, lines routed by the main thread', () => {
  /** clicks.jsonl's first lines, with awkward ones among them. */
  function awkward(extra: string[]): string {
    const clicks = readFileSync(join(root, 'recordings/clicks.jsonl'), 'utf8').split('\n').slice(0, 3000)
    const lines = [...clicks.slice(0, 1000), ...extra, ...clicks.slice(1000)]
    const file = join(tmp, `awkward-${files++}.jsonl`)
    writeFileSync(file, lines.join('\n'))
    return file
  }

  const t = 1708848100000
  const AWKWARD = [
    `{"ts":${t},"user_id":"caf\\u00e9 \\"q\\"","type":"view"}`,
    `{"ts":${t + 1},"meta":{"user_id":"inner","ts":1},"user_id":"u00758","type":"view"}`,
    `{"ts":${t + 2},"user_id":"日本語 😀","type":"view"}`,
    `{"ts":${t + 3},"user_id":"first","user_id":"u00875","type":"click"}`,
    `{"ts":${t + 4},"user\\u005fid":"escaped-name","type":"click"}`,
    '',
    '   ',
    `{"$watermark":${t - 60000}}`,
    `{"$processingTime":${t + 5}}`,
    `{"ts":${t + 6},"user_id":"crlf","type":"view"}\r`,
    `{"ts":${t + 7},"user_id":"u00846","type":"click","list":[1,{"user_id":"x"}],"n":-1.5e3}`,
  ]

  it('awkward lines (escapes, nested and duplicate names, unicode, blank and control lines, CRLF): the same as every subtask reading it, the same records as --parallelism 1', () => {
    const file = awkward(AWKWARD)
    for (const job of ['examples/sessionizer-seed.ts', 'examples/running-count.ts', 'examples/sessionizer-seed.py']) {
      const routed = run(job, file, 2, true)
      const whole = run(job, file, 2, false)
      expect(routed.status).toBe(0)
      expect(routed.saidRouted).toBe(true)
      expect(firstDifference(routed.out, whole.out)).toBe(null)
      expect(routed.stdout).toBe(whole.stdout)
      expect(sorted(routed.out).join('\n') === sorted(run(job, file, 1, true).out).join('\n')).toBe(true)
    }
  }, 60_000)

  it('timers see the watermark, processing time and step (Math.random) of every subtask reading the whole recording', () => {
    const job = join(tmp, 'timer-clock.ts')
    writeFileSync(job, `import { KeyedProcessFunction, WatermarkStrategy, Duration } from 'riffle'
class Clock extends KeyedProcessFunction<string, { ts: number; user_id: string }, unknown> {
  processElement(e: { ts: number }, ctx: any, out: { collect(v: unknown): void }) {
    ctx.timerService().registerEventTimeTimer(e.ts + 1500)
    ctx.timerService().registerProcessingTimeTimer(e.ts + 700)
    out.collect({ k: ctx.getCurrentKey(), wm: ctx.timerService().currentWatermark(), r: Math.random() })
  }
  onTimer(ts: number, ctx: any, out: { collect(v: unknown): void }) {
    out.collect({ k: ctx.getCurrentKey(), ts, wm: ctx.timerService().currentWatermark(), pt: ctx.timerService().currentProcessingTime(), r: Math.random() })
  }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(200)).withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.user_id).process(new Clock())
`)
    const clicks = join(tmp, 'clicks-10k.jsonl')
    writeFileSync(clicks, readFileSync(join(root, 'recordings/clicks.jsonl'), 'utf8').split('\n').slice(0, 10_000).join('\n'))
    const routed = run(job, clicks, 2, true)
    expect(routed.status).toBe(0)
    expect(firstDifference(routed.out, run(job, clicks, 2, false).out)).toBe(null)
    // Math.random follows the step number, and at --parallelism 1 the other keys' timers are steps too.
    const withoutRandom = (text: string): string => sorted(text.replace(/,"r":[-+.e\d]+/g, '')).join('\n')
    expect(withoutRandom(routed.out) === withoutRandom(run(job, clicks, 1, true).out)).toBe(true)
  }, 60_000)

  it('numbers as keys: routed by their key group as the engine computes it', () => {
    const file = awkward([`{"ts":${t},"user_id":42,"type":"view"}`, `{"ts":${t + 1},"user_id":-7,"type":"view"}`, `{"ts":${t + 2},"user_id":1.5,"type":"view"}`, `{"ts":${t + 3},"user_id":12345678901,"type":"view"}`, `{"ts":${t + 4},"user_id":true,"type":"view"}`])
    const routed = run('examples/sessionizer-fixed.ts', file, 2, true)
    expect(routed.status).toBe(0)
    expect(firstDifference(routed.out, run('examples/sessionizer-fixed.ts', file, 2, false).out)).toBe(null)
    expect(sorted(routed.out).join('\n') === sorted(run('examples/sessionizer-fixed.ts', file, 1, true).out).join('\n')).toBe(true)
  }, 60_000)

  it('a record without the key fails as at --parallelism 1, naming its line once', () => {
    const file = awkward([`{"ts":${t},"type":"view"}`])
    const one = run('examples/sessionizer-fixed.ts', file, 1, true)
    const routed = run('examples/sessionizer-fixed.ts', file, 2, true)
    expect(one.status).not.toBe(0)
    expect(routed.status).toBe(one.status)
    expect(routed.stderr).toBe(one.stderr)
    expect(routed.stderr.match(/:1001\b/g)?.length).toBe(1)
  }, 60_000)

  it('a bad line fails as at --parallelism 1; skipped, it is listed and counted once', () => {
    const file = awkward(['{"ts":1,"user_id":"a",}', 'not json'])
    const one = run('examples/sessionizer-fixed.ts', file, 1, true)
    const routed = run('examples/sessionizer-fixed.ts', file, 2, true)
    expect(one.status).toBe(2)
    expect(routed.status).toBe(2)
    expect(routed.stderr).toBe(one.stderr)
    const skipOne = run('examples/sessionizer-fixed.ts', file, 1, true, ['--skip-bad-lines'])
    const skipRouted = run('examples/sessionizer-fixed.ts', file, 2, true, ['--skip-bad-lines'])
    expect(skipRouted.status).toBe(0)
    const bad = (s: string): string[] => s.split('\n').filter((l) => /bad lines skipped|:100[12]:/.test(l))
    expect(bad(skipRouted.stdout + skipRouted.stderr)).toEqual(bad(skipOne.stdout + skipOne.stderr))
    expect(bad(skipOne.stdout + skipOne.stderr).length).toBe(3)
    expect(sorted(skipRouted.out).join('\n') === sorted(skipOne.out).join('\n')).toBe(true)
  }, 60_000)
})
