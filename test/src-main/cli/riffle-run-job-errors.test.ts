// `npx riffle run` when the job's own code fails (docs/command-line.md): a throw in processElement, onTimer,
// close() or a Python ReduceFunction, a value that is not JSON data, an endless loop the watchdog stops: exit 1 and
// the error naming the job's line and the record or timer it was processing.
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RIFFLE, writeCase } from '../helpers/run-inline'
import { buildRiffleOnce, riffle, ROOT, SCRIPT_LINES } from '../helpers/riffle-cli'

const root = ROOT
const lines = SCRIPT_LINES
buildRiffleOnce()

describe('riffle run: exit codes', () => {
  it('a close() that throws or never returns is named as close at the end of the run, not as the processing of the last record', () => {
    const job = (body: string): string => `${RIFFLE}class F extends KeyedProcessFunction<string, any, any> {
  processElement(e: any, ctx: any, out: any) { out.collect(e.k) }
  close() { ${body} }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new F())
`
    const threw = writeCase(job("throw new Error('close failed')"), [{ k: 'a' }, { k: 'b' }])
    const t = riffle('run', threw.jobPath, threw.recordingPath)
    expect(t.code).toBe(1)
    expect(t.stderr).toMatch(/^riffle: JOB_THREW: close threw Error: close failed at \S*job\.ts:8:\d+\n {2}at the end of the run \(close\)\n/)
    expect(t.stderr).not.toContain('while processing')
    const loops = writeCase(job('for (;;) { /* the watchdog stops it */ }'), [{ k: 'a' }, { k: 'b' }])
    const l = riffle('run', loops.jobPath, loops.recordingPath, '--watchdog-ms', '500')
    expect(l.code).toBe(1)
    expect(l.stderr).toMatch(/^riffle: JOB_TIMEOUT: the job's code did not return within 500 ms at the end of the run; it was at \S*job\.ts:8:\d+ \(in close\)/)
  })

  it("a job's error and a watchdog stop name a job inside the working directory as the user typed it", () => {
    const c = writeCase(`${RIFFLE}class F extends KeyedProcessFunction<any, any, any> {
  processElement(e: any) { if (e.k === 'b') throw new Error('boom'); while (e.k === 'c') { /* spin */ } }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new F())
`, [lines[0], lines[1]])
    const run = (rec: string, ...extra: string[]) => spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), 'run', 'job.ts', rec, '--out', '/dev/null', ...extra], { cwd: c.dir, encoding: 'utf8' })
    const threw = run('rec.jsonl')
    expect(threw.status).toBe(1)
    expect(threw.stderr).toMatch(/^riffle: JOB_THREW: processElement threw Error: boom at job\.ts:7:\d+\n/)
    expect(threw.stderr).not.toContain(c.jobPath)
    writeFileSync(join(c.dir, 'spin.jsonl'), '{"k":"c","ts":1}\n')
    const spun = run('spin.jsonl', '--watchdog-ms', '500')
    expect(spun.status).toBe(1)
    expect(spun.stderr).toMatch(/JOB_TIMEOUT: .*; it was at job\.ts:7:\d+ \(in processElement\)/)
    expect(spun.stderr).not.toContain(c.jobPath)
  })

  it('a job stuck in onTimer is named by its timer, in TypeScript and Python, not by the record before it', () => {
    const recs = [{ k: 'a', ts: 1000 }, { k: 'b', ts: 5000 }]
    const ts = writeCase(`${RIFFLE}class F extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any) { ctx.timerService().registerEventTimeTimer(e.ts + 1) }
  onTimer(t: number) { while (t > 0) { /* spin */ } }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.k).process(new F())
`, recs)
    const py = writeCase(`from pyflink.common import WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner
from pyflink.datastream.functions import KeyedProcessFunction

class F(KeyedProcessFunction):
    def process_element(self, e, ctx):
        ctx.timer_service().register_event_time_timer(e["ts"] + 1)
    def on_timer(self, t, ctx):
        while t > 0:
            pass

class T(TimestampAssigner):
    def extract_timestamp(self, value, record_timestamp):
        return value["ts"]

def job(events):
    return (events.assign_timestamps_and_watermarks(WatermarkStrategy.for_monotonous_timestamps().with_timestamp_assigner(T()))
            .key_by(lambda e: e["k"]).process(F()))
`, recs, { jobName: 'job.py' })
    for (const c of [ts, py]) {
      const r = riffle('run', c.jobPath, c.recordingPath, '--out', '/dev/null', '--watchdog-ms', '500')
      expect(r.code, r.stderr).toBe(1)
      // Record b's watermark (4999) makes a's timer at 1001 due; the stop names that timer, then the record.
      expect(r.stderr).toContain(`did not return within 500 ms while firing the EVENT_TIME timer at 1001 for key "a", after ${c.recordingPath}:2`)
      expect(r.stderr).not.toContain('while processing')
      expect(r.stderr).not.toContain('{"k":"b"')
    }
  })

  it('a job function that throws a value that is not an Error (throw undefined) exits 1 naming the job, not INTERNAL with a stack', () => {
    // `throw undefined` in the default export printed "riffle: INTERNAL: undefined" and Riffle's own stack, exit 2.
    for (const thrown of ['undefined', 'null', '42', "'no recording for you'", '{ code: 7 }']) {
      const c = writeCase(`${RIFFLE}export default (env: any) => {\n  throw ${thrown}\n}\n`, lines)
      const r = riffle('run', c.jobPath, c.recordingPath)
      expect(r.code, thrown).toBe(1)
      expect(r.stderr, thrown).toMatch(/^riffle: JOB_THREW: the job's default export threw /)
      // Where the function was entered (line 6): a thrown non-Error carries no stack, and the message says so.
      expect(r.stderr, thrown).toContain(`${c.jobPath}:6:`)
      expect(r.stderr, thrown).not.toMatch(/INTERNAL|\n {4}at /)
    }
  })

  it('a throw in the job exits 1 naming the job file line and column and the recording line', () => {
    const job = `${RIFFLE}class B extends KeyedProcessFunction<any, any, any> {
  processElement(e: any) {
    if (e.k === 'b') throw new Error('no b please')
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new B())
`
    const c = writeCase(job, lines)
    const r = riffle('run', c.jobPath, c.recordingPath)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('JOB_THREW')
    expect(r.stderr).toContain('no b please')
    expect(r.stderr).toContain(`${c.jobPath}:8:28`)
    expect(r.stderr).toContain(`${c.recordingPath}:2: {"k":"b"`)
  })

  it("a Python ReduceFunction or AggregateFunction that raises is named once, with no traceback of Riffle's own files", () => {
    const job = `from pyflink.common import Types
from pyflink.datastream.functions import AggregateFunction, KeyedProcessFunction, ReduceFunction
from pyflink.datastream.state import AggregatingStateDescriptor, ReducingStateDescriptor

class Sum(ReduceFunction):
    def reduce(self, a, b):
        return a + b

class Count(AggregateFunction):
    def create_accumulator(self):
        return 0
    def add(self, value, acc):
        return acc + value
    def get_result(self, acc):
        return acc

class F(KeyedProcessFunction):
    def open(self, rc):
        self.s = rc.get_reducing_state(ReducingStateDescriptor("s", Sum(), Types.LONG()))
        self.c = rc.get_aggregating_state(AggregatingStateDescriptor("c", Count(), Types.LONG()))

    def process_element(self, e, ctx):
        getattr(self, e["state"]).add(e["n"])
        yield e["k"]

def job(events):
    return events.key_by(lambda e: e["k"]).process(F())
`
    for (const [state, line] of [['s', 7], ['c', 13]] as const) {
      const c = writeCase(job, [{ k: 'a', state, n: 1 }, { k: 'a', state, n: 'x' }], { jobName: 'job.py' })
      const r = riffle('run', c.jobPath, c.recordingPath)
      expect(r.code, r.stderr).toBe(1)
      expect(r.stderr).toContain(`process_element threw TypeError: unsupported operand type(s) for +: 'int' and 'str' at ${c.jobPath}:${line}:`)
      // Pyodide printed the exception leaving the inner call through sys.excepthook, into the job's own stderr
      // (the job's frame was below it): eight lines of Traceback through _riffle.py and state.py.
      expect(r.stderr).not.toContain('Traceback')
      expect(r.stderr).not.toContain('_riffle.py')
    }
  })

  it('a throw in onTimer names the timer firing (domain, time, key), not the record before it, in run and trace', () => {
    const job = `${RIFFLE}class T extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any) { if (e.reg) ctx.timerService().registerEventTimeTimer(e.reg[0]) }
  onTimer(ts: number) { throw new Error('timer boom ' + ts) }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.k).process(new T())
`
    const c = writeCase(job, lines)
    const r = riffle('run', c.jobPath, c.recordingPath)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('onTimer threw Error: timer boom 10')
    expect(r.stderr).toContain('while firing the EVENT_TIME timer at 10 for key "a"')
    expect(r.stderr).not.toContain('while processing')
    const t = riffle('trace', c.jobPath, c.recordingPath, '--step', '3', '--to', '4')
    expect(t.code).toBe(1)
    expect(t.stderr).toContain('while firing the EVENT_TIME timer at 10 for key "a"')
    expect(t.stdout).toContain('while firing the EVENT_TIME timer at 10 for key "a"')
  })

  it('an emitted value that is not JSON data (out.collect(() => 1)) exits 1 naming the job line, and writes no invalid line', () => {
    const job = `${RIFFLE}class F extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) {
    out.collect(e.k === 'b' ? () => 1 : e.k)
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new F())
`
    const c = writeCase(job, lines)
    const r = riffle('run', c.jobPath, c.recordingPath, '--out', '-')
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('JOB_THREW: processElement threw TypeError: out.collect(value) is a function; outputs must be JSON data')
    expect(r.stderr).toContain(`${c.jobPath}:8:9`)
    expect(r.stdout).toBe('{"value":"a","timestamp":null}\n')
  })

  it('--watchdog-ms stops an endless loop: exit 1, JOB_TIMEOUT naming the recording line and its text, and where the loop was', () => {
    const job = `${RIFFLE}class Spin extends KeyedProcessFunction<any, any, any> {
  processElement(e: any) { while (e.k === 'b') { /* spin */ } }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new Spin())
`
    const c = writeCase(job, lines)
    const started = Date.now()
    const r = riffle('run', c.jobPath, c.recordingPath, '--watchdog-ms', '500')
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('JOB_TIMEOUT')
    expect(r.stderr).toContain(`${c.recordingPath}:2`)
    expect(r.stderr).toContain('"k":"b"')
    const loopLine = job.split('\n').findIndex((l) => l.includes('while (e.k')) + 1
    expect(r.stderr).toMatch(new RegExp(`did not return within 500 ms while processing .*; it was at ${c.jobPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${loopLine}:\\d+ \\(in processElement\\)`))
    expect(Date.now() - started).toBeLessThan(10_000)
    // A step that is only slow (very many records emitted in one call) ends the same way: the limit is named with
    // the option that raises it, which the message did not mention.
    expect(r.stderr).toMatch(/\n {2}a step that is only slow .* can have more time: --watchdog-ms N \(now 500\)\n$/)
  })

  it('riffle trace stopped by the watchdog names --watchdog-ms as well', () => {
    const job = `${RIFFLE}class Spin extends KeyedProcessFunction<any, any, any> {
  processElement(e: any) { while (e.k === 'b') { /* spin */ } }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new Spin())
`
    const c = writeCase(job, lines)
    const r = riffle('trace', c.jobPath, c.recordingPath, '--step', '2', '--watchdog-ms', '500')
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('JOB_TIMEOUT: the job\'s code did not return within 500 ms')
    expect(r.stderr).toContain('--watchdog-ms N (now 500)')
  })
})
