// `riffle trace` shows the times at Long's ends as Flink's names, in the text form, and as the exact integers in the
// JSON form, for TypeScript and Python jobs alike: -2^63 and 2^63 printed as JavaScript numbers read
// -9223372036854776000 and 9223372036854776000, which a Python or Java reader of the JSON takes for other numbers.
// `riffle run --out` writes an output's timestamp there as the exact integer too, as the exported PyFlink program
// prints the same record on a cluster (ctx.timestamp(), a Python int).
import { execFileSync, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { RIFFLE, writeCase } from '../helpers/run-inline'

const root = join(__dirname, '../../..')
beforeAll(() => { execFileSync(process.execPath, [join(root, 'bin/riffle-build.mjs')], { cwd: root, stdio: 'pipe' }) })

function riffle(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const TS = `${RIFFLE}class F extends KeyedProcessFunction<string, any, any> {
  processElement(e: any, ctx: any, out: any) {
    ctx.timerService().currentWatermark()
    ctx.timerService().registerEventTimeTimer(MAX_TIMESTAMP)
    ctx.timerService().deleteEventTimeTimer(MIN_TIMESTAMP)
  }
  onTimer(t: number, ctx: any, out: any) { ctx.timerService().currentWatermark(); out.collect('fired') }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.noWatermarks().withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.k).process(new F())
`

const PY = `from pyflink.common import WatermarkStrategy
from pyflink.datastream.functions import KeyedProcessFunction

class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        ctx.timer_service().current_watermark()
        ctx.timer_service().register_event_time_timer(2 ** 63 - 1)
        ctx.timer_service().delete_event_time_timer(-2 ** 63)

    def on_timer(self, timestamp, ctx):
        ctx.timer_service().current_watermark()
        yield "fired"

def job(events):
    return (events.assign_timestamps_and_watermarks(WatermarkStrategy.no_watermarks().with_timestamp_assigner(lambda e, t: e["ts"]))
            .key_by(lambda e: e["k"]).process(F()))
`

describe.each([['job.ts', TS], ['job.py', PY]])('riffle trace of %s at Long\'s ends', (jobName, source) => {
  it('the text names them Long.MIN_VALUE / Long.MAX_VALUE in the header, the calls and their results', () => {
    const c = writeCase(source, [{ k: 'a', ts: 5 }], { jobName })
    const r = riffle('trace', c.jobPath, c.recordingPath, '--step', '1', '--to', '2')
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).not.toMatch(/922337203685477\d+/)
    expect(r.stdout).toMatch(/step 1 {2}record .* watermark none yet \(Long\.MIN_VALUE\)/)
    expect(r.stdout).toMatch(/current_?[wW]atermark\(\) {2}→ Long\.MIN_VALUE/)
    expect(r.stdout).toMatch(/register_?[eE]vent_?[tT]ime_?[tT]imer\(Long\.MAX_VALUE\) {2}registered/)
    expect(r.stdout).toMatch(/delete_?[eE]vent_?[tT]ime_?[tT]imer\(Long\.MIN_VALUE\) {2}nothing deleted/)
    // The end of input moved the watermark in the timer's step: before → after.
    expect(r.stdout).toMatch(/step 2 {2}timer {2}EVENT_TIME timer at Long\.MAX_VALUE .* watermark none yet \(Long\.MIN_VALUE\) → end of input \(Long\.MAX_VALUE\)/)
    expect(r.stdout).toMatch(/current_?[wW]atermark\(\) {2}→ Long\.MAX_VALUE/)
  })

  it('the JSON has the exact integers where a time is one, and the same texts in call and result', () => {
    const c = writeCase(source, [{ k: 'a', ts: 5 }], { jobName })
    const r = riffle('trace', c.jobPath, c.recordingPath, '--step', '1', '--to', '2', '--json')
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).not.toMatch(/922337203685477600/)
    const [one, two] = r.stdout.trim().split('\n')
    expect(one).toContain('"watermark":-9223372036854775808,')
    expect(one).toMatch(/"kind":"timeRead","read":"watermark","value":-9223372036854775808,/)
    expect(one).toMatch(/"kind":"timerRegister","domain":"EVENT_TIME","timestamp":9223372036854775807,.*"call":"register_?[eE]vent_?[tT]ime_?[tT]imer\(Long\.MAX_VALUE\)"/)
    expect(one).toMatch(/"kind":"timerDelete","domain":"EVENT_TIME","timestamp":-9223372036854775808,/)
    expect(two).toContain('"watermark":9223372036854775807,')
    expect(two).toMatch(/"timer":\{[^}]*"timestamp":9223372036854775807/)
    expect(two).toMatch(/"result":"→ Long\.MAX_VALUE"/)
    expect(two).toMatch(/"kind":"output",.*"timestamp":9223372036854775807/)
    // Still JSON, and JavaScript reads the same numbers back.
    expect(JSON.parse(two).watermark).toBe(2 ** 63)
  })
})

describe.each([['job.ts', TS], ['job.py', PY]])('riffle run --out of %s at Long\'s ends', (jobName, source) => {
  it('writes the timestamp of a record a timer at Long.MAX_VALUE emitted as 9223372036854775807, at any parallelism', () => {
    const c = writeCase(source, [{ k: 'a', ts: 5 }, { k: 'b', ts: 6 }], { jobName })
    for (const p of ['1', '2']) {
      const r = riffle('run', c.jobPath, c.recordingPath, '--out', '-', '--parallelism', p)
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout).toBe('{"value":"fired","timestamp":9223372036854775807}\n'.repeat(2))
    }
  })
})
