// `npx riffle run` as a user runs it (docs/command-line.md): spawned as `node bin/riffle.mjs`, checking
// exit codes, the exact --out format, the summary on standard error and the error messages.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { RIFFLE, writeCase } from '../helpers/run-inline'
import { scriptJob } from '../helpers/script-job'

const root = join(__dirname, '../../..')
beforeAll(() => { execFileSync(process.execPath, [join(root, 'bin/riffle-build.mjs')], { cwd: root, stdio: 'pipe' }) })

function riffle(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const lines = [{ k: 'a', ts: 1, reg: [10], side: true }, { k: 'b', ts: 2, regPt: [1000] }, { k: 'a', ts: 20 }]

describe('riffle run: output and summary', () => {
  it('--out - prints exactly {"value":V,"timestamp":T} and {"tag":"ID","value":V,"timestamp":T} lines in emission order', async () => {
    const c = writeCase(scriptJob(), lines)
    const r = riffle('run', c.jobPath, c.recordingPath, '--out', '-')
    expect(r.code).toBe(0)
    expect(r.stdout).toBe([
      '{"value":{"in":"a","key":"a","ts":1,"wm":-9223372036854776000,"pt":1},"timestamp":1}',
      '{"tag":"side","value":{"sideOf":"a"},"timestamp":1}',
      '{"value":{"in":"b","key":"b","ts":2,"wm":0,"pt":2},"timestamp":2}',
      '{"value":{"in":"a","key":"a","ts":20,"wm":1,"pt":20},"timestamp":20}',
      '{"value":{"fired":10,"key":"a","domain":"EVENT_TIME","ts":10,"wm":19,"pt":20},"timestamp":10}',
      '',
    ].join('\n'))
  })

  it('--out FILE writes the same bytes as --out -, and a second run writes identical bytes (determinism)', async () => {
    const c = writeCase(scriptJob(), lines)
    const toStdout = riffle('run', c.jobPath, c.recordingPath, '--out', '-').stdout
    const f1 = join(c.dir, 'o1.jsonl')
    const f2 = join(c.dir, 'o2.jsonl')
    expect(riffle('run', c.jobPath, c.recordingPath, '--out', f1).code).toBe(0)
    expect(riffle('run', c.jobPath, c.recordingPath, '--out', f2).code).toBe(0)
    expect(readFileSync(f1, 'utf8')).toBe(toStdout)
    expect(readFileSync(f2, 'utf8')).toBe(toStdout)
  })

  it('prints the summary on standard error: records in, records out, keys, pending timers, time', async () => {
    const c = writeCase(scriptJob(), lines)
    const r = riffle('run', c.jobPath, c.recordingPath)
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('') // without --out nothing goes to standard output
    expect(r.stderr).toMatch(/done in \d+\.\d\d s/)
    expect(r.stderr).toMatch(/records in:\s+3\n/)
    expect(r.stderr).toMatch(/records out:\s+4 \(\+ 1 side output records\)/)
    expect(r.stderr).toMatch(/keys:\s+2\n/)
    expect(r.stderr).toMatch(/pending timers:\s+1 \(event time 0, processing time 1\)/)
    expect(r.stderr).toContain('add --out FILE to keep them, or --out - to print them')
    expect(riffle('run', c.jobPath, c.recordingPath, '--out', '-').stderr).not.toContain('add --out FILE')
  })

  it('shows progress on a terminal (a pseudo-terminal from script(1)) and nothing when standard error is a pipe', () => {
    const clicks = join(root, 'recordings/clicks.jsonl')
    const job = join(root, 'examples/sessionizer-fixed.ts')
    const cmd = `${process.execPath} ${join(root, 'bin/riffle.mjs')} run ${job} ${clicks}`
    const env = { ...process.env, RIFFLE_PROGRESS_AFTER_MS: '0' }
    const tty = spawnSync('script', ['-qfec', cmd, '/dev/null'], { cwd: root, encoding: 'utf8', timeout: 60_000, env })
    expect(tty.status, tty.stdout).toBe(0)
    expect(tty.stdout).toMatch(/\r\x1b\[2Kriffle: [\d,]+ records · [\d,]+ records\/s · \d+% of the file · about \d+ s left/)
    expect(tty.stdout).toMatch(/\x1b\[2Kriffle: done in/) // the line is erased before the summary
    const piped = spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), 'run', job, clicks], { cwd: root, encoding: 'utf8', timeout: 60_000, env })
    expect(piped.status).toBe(0)
    expect(piped.stderr).not.toMatch(/records\/s ·|\r|\x1b/)
  })

  it('--drain-processing-timers fires the pending processing-time timers; --processing-time manual ignores record time', async () => {
    const c = writeCase(scriptJob(), lines)
    const drained = riffle('run', c.jobPath, c.recordingPath, '--out', '-', '--drain-processing-timers')
    expect(drained.stdout).toContain('"fired":1000,"key":"b","domain":"PROCESSING_TIME"')
    expect(drained.stderr).toMatch(/pending timers:\s+0/)
    const manual = riffle('run', c.jobPath, c.recordingPath, '--out', '-', '--processing-time', 'manual')
    expect(manual.stdout.split('\n')[0]).toContain('"pt":0')
  })
})

describe('riffle run: exit codes', () => {
  it('--help prints the usage with every option and exits 0', () => {
    const r = riffle('--help')
    expect(r.code).toBe(0)
    for (const opt of ['run JOB RECORDING', '--backend', '--state-dir', '--out', '--processing-time', '--drain-processing-timers', '--skip-bad-lines']) {
      expect(r.stdout).toContain(opt)
    }
    expect(riffle('run', '--help').code).toBe(0)
    // As docs/command-line.md says them: the help's exit statuses left out Ctrl-C / SIGTERM (130 / 143), riffle test's
    // its exit 3, and the --out guard standard input redirected from the recording.
    const flat = r.stdout.replace(/\s+/g, ' ')
    expect(flat).toContain('130 / 143 stopped by Ctrl-C (SIGINT) / SIGTERM')
    expect(flat).toContain('1 different (a diff with line numbers is printed) or the job threw; 2 bad arguments or a missing golden file (without --update); 3 as for riffle run')
    expect(flat).toContain('An --out that is the recording (also standard input redirected from it), the job')
  })

  it('--version (and -V) prints the package version on standard output and exits 0', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
    for (const flag of ['--version', '-V']) {
      const r = riffle(flag)
      expect(r.code).toBe(0)
      expect(r.stdout).toBe(`riffle ${version}\n`)
    }
  })

  it('--version and -V print the version wherever a Unix user puts them, as --help prints the usage', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
    const c = writeCase(scriptJob(), lines)
    const at = [['version'], ['--version', 'run'], ['run', '--version'], ['run', '-V'], ['test', '--version'], ['trace', '-V'],
      ['export', '--version'], ['export', 'job.py', '-V'], ['run', c.jobPath, c.recordingPath, '--version'],
      ['test', c.jobPath, c.recordingPath, '--expect', 'missing.jsonl', '--version'], ['run', '--version', '--help']]
    for (const args of at) {
      const r = riffle(...args)
      expect(r.code, args.join(' ')).toBe(0)
      expect(r.stdout, args.join(' ')).toBe(`riffle ${version}\n`)
      expect(r.stderr, args.join(' ')).toBe('')
    }
    // The first of the two asked for wins, as GNU tools do.
    for (const args of [['run', '--help', '--version'], ['export', '-h', '-V'], ['--help', '--version']]) {
      const r = riffle(...args)
      expect(r.code, args.join(' ')).toBe(0)
      expect(r.stdout, args.join(' ')).toMatch(/^Usage:/)
    }
  })

  it('no arguments at all print the usage on standard error and exit 2', () => {
    const r = riffle()
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('run JOB RECORDING')
  })

  it('bad arguments exit 2 with one line naming the argument and how to get help, not the whole help', () => {
    const c = writeCase(scriptJob(), lines)
    for (const args of [['run', c.jobPath], ['frobnicate'], ['run', c.jobPath, c.recordingPath, '--bogus'], ['run', c.jobPath, c.recordingPath, '--backend', 'rocksdb'], ['run', c.jobPath, c.recordingPath, '--processing-time', 'later']]) {
      const r = riffle(...args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).not.toContain('Usage:')
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1)
      expect(r.stderr).toMatch(/^riffle: .+ \(see npx riffle --help\)\n$/)
    }
    expect(riffle('run', c.jobPath, c.recordingPath, '--bogus').stderr).toContain('--bogus')
    expect(riffle('run', c.jobPath).stderr).toContain('run needs JOB and RECORDING')
    expect(riffle('run', c.jobPath, c.recordingPath, '--backend', 'rocksdb').stderr).toContain('--backend must be heap or leveldb')
  })

  it('a job file of another kind than .ts, .js or .py exits 2 saying what a job is, not that it exports no function', () => {
    const c = writeCase(scriptJob(), lines)
    for (const name of ['job.txt', 'job', 'job.json']) {
      const path = join(c.dir, name)
      writeFileSync(path, readFileSync(c.jobPath))
      const r = riffle('run', path, c.recordingPath)
      expect(r.code, name).toBe(2)
      expect(r.stderr, name).toMatch(new RegExp(`^riffle: BAD_ARGUMENT: ${path.replace(/[.]/g, '\\.')}: a job is a TypeScript \\(\\.ts\\), JavaScript \\(\\.js\\) or Python \\(\\.py\\) module, not `))
    }
  })

  it('a job path that is a folder exits 2 saying so, whatever its name ends with, for run and trace', () => {
    // A folder named jobs.py ended as INTERNAL with a stack (EISDIR), jobs.ts as "Could not resolve", and jobs as
    // "not a file without an extension".
    const c = writeCase(scriptJob(), lines)
    for (const name of ['jobs.py', 'jobs.ts', 'jobs']) {
      const path = join(c.dir, name)
      mkdirSync(path)
      for (const args of [['run', path, c.recordingPath], ['trace', path, c.recordingPath, '--step', '1']]) {
        const r = riffle(...args)
        expect(r.code, `${args[0]} ${name}`).toBe(2)
        expect(r.stderr).toBe(`riffle: BAD_ARGUMENT: ${path} is a folder, not a job file (a .ts, .js or .py module)\n`)
      }
    }
  })

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

  it('a missing job file or recording exits 2 naming it', () => {
    const c = writeCase(scriptJob(), lines)
    const noJob = riffle('run', join(c.dir, 'nope.ts'), c.recordingPath)
    expect(noJob.code).toBe(2)
    expect(noJob.stderr).toContain(`job file not found: ${join(c.dir, 'nope.ts')}`)
    const noRec = riffle('run', c.jobPath, join(c.dir, 'nope.jsonl'))
    expect(noRec.code).toBe(2)
    expect(noRec.stderr).toContain(`recording not found: ${join(c.dir, 'nope.jsonl')}`)
  })

  it('a job that does not compile exits 2 with the job file and line', () => {
    const c = writeCase(`${RIFFLE}export default (env: any) => env.fromRecording(\n`, lines)
    const r = riffle('run', c.jobPath, c.recordingPath)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('JOB_COMPILE')
    expect(r.stderr).toMatch(new RegExp(`job\\.ts:7:`))
  })

  it('with paths relative to another working directory, errors name the job file by its real absolute path', () => {
    const c = writeCase(`${RIFFLE}export default (env: any) => env.fromRecording(\n`, lines)
    mkdirSync(join(c.dir, 'sub', 'deeper'), { recursive: true })
    const r = spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), 'run', '../../job.ts', '../../rec.jsonl'], { cwd: join(c.dir, 'sub', 'deeper'), encoding: 'utf8' })
    expect(r.status).toBe(2)
    expect(r.stderr).toContain(`${c.jobPath}:7:1: Unexpected end of file`)
    expect(r.stderr.split(`${c.jobPath}:7`).length - 1).toBe(1) // named once, not again in a suffix
  })

  it('a compile error names a job inside the working directory as the user typed it, once', () => {
    const c = writeCase(`${RIFFLE}export default (env: any) => env.fromRecording(\n`, lines)
    const r = spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), 'run', 'job.ts', 'rec.jsonl'], { cwd: c.dir, encoding: 'utf8' })
    expect(r.status).toBe(2)
    expect(r.stderr).toBe('riffle: JOB_COMPILE: the job does not compile:\njob.ts:7:1: Unexpected end of file\n')
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

  it('a bad recording line exits 2 with file:line: reason', () => {
    const c = writeCase(scriptJob(), [lines[0], '{"k": "b", ts: oops}', lines[2]])
    const r = riffle('run', c.jobPath, c.recordingPath, '--out', '-')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('BAD_LINE')
    expect(r.stderr).toContain(`${c.recordingPath}:2`)
  })

  it('--skip-bad-lines counts and lists the bad lines and finishes with exit 0', () => {
    const c = writeCase(scriptJob(), [lines[0], '{"k": "b", ts: oops}', lines[1], 'not json at all', lines[2]])
    const r = riffle('run', c.jobPath, c.recordingPath, '--out', '-', '--skip-bad-lines')
    expect(r.code).toBe(0)
    expect(r.stdout.trim().split('\n')).toHaveLength(5)
    expect(r.stderr).toMatch(/bad lines skipped: 2/)
    expect(r.stderr).toContain(`${c.recordingPath}:2: `)
    expect(r.stderr).toContain(`${c.recordingPath}:4: `)
    expect(r.stderr).toMatch(/records in:\s+3\n/)
  })

  it('JSON nested 20 000 deep and a timestamp beyond MAX_TIMESTAMP are bad lines with file:line: reason, skippable', () => {
    const deep = '{"k":'.repeat(20_000) + '1' + '}'.repeat(20_000)
    const c = writeCase(scriptJob(), [lines[0], deep, { k: 'b', ts: 1e300 }, lines[2]])
    const stopped = riffle('run', c.jobPath, c.recordingPath)
    expect(stopped.code).toBe(2)
    expect(stopped.stderr).toContain(`riffle: BAD_LINE: ${c.recordingPath}:2: JSON nested more than 500 levels deep`)
    const r = riffle('run', c.jobPath, c.recordingPath, '--skip-bad-lines')
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/bad lines skipped: 2/)
    expect(r.stderr).toContain(`${c.recordingPath}:2: JSON nested more than 500 levels deep`)
    expect(r.stderr).toContain(`${c.recordingPath}:3: the timestamp assigner returned 1e+300, above 2^53, beyond MAX_TIMESTAMP`)
    expect(r.stderr).toMatch(/records in:\s+2\n/)
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

describe('riffle run: --out that cannot be written', () => {
  it('exits 2 with BAD_ARGUMENT naming the file, not an internal error', () => {
    const c = writeCase(scriptJob(), lines)
    const r = riffle('run', c.jobPath, c.recordingPath, '--out', join(c.dir, 'no', 'such', 'dir', 'out.jsonl'))
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`BAD_ARGUMENT: cannot write --out ${join(c.dir, 'no', 'such', 'dir', 'out.jsonl')}`)
    expect(r.stderr).not.toContain('INTERNAL')
  })

  it('a folder that does not exist is named as the user gave it, as --expect names it, not as an lstat that failed', () => {
    const c = writeCase(scriptJob(), lines)
    const out = join('nodir', 'x.jsonl')
    const r = spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), 'run', c.jobPath, c.recordingPath, '--out', out], { cwd: c.dir, encoding: 'utf8', timeout: 30_000 })
    expect(r.status, r.stderr).toBe(2)
    expect(r.stderr).toBe(`riffle: BAD_ARGUMENT: cannot write --out ${out}: its folder nodir does not exist\n`)
  })

  it('a file as the folder says it is not a folder', () => {
    const c = writeCase(scriptJob(), lines)
    const r = riffle('run', c.jobPath, c.recordingPath, '--out', join(c.recordingPath, 'x.jsonl'))
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toBe(`riffle: BAD_ARGUMENT: cannot write --out ${join(c.recordingPath, 'x.jsonl')}: ${c.recordingPath} is not a folder\n`)
  })

  it.runIf(process.platform === 'linux')('a folder where no file can be created (/proc) names the file the user gave, not Riffle\'s hidden temporary file', () => {
    const c = writeCase(scriptJob(), lines)
    const r = riffle('run', c.jobPath, c.recordingPath, '--out', '/proc/version')
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toContain('riffle: BAD_ARGUMENT: cannot write --out /proc/version: a file cannot be created in its folder /proc (ENOENT')
    expect(r.stderr).not.toContain('.tmp-')
  })
})

describe('riffle run: the reader of --out - goes away', () => {
  it('`riffle run ... --out - | head -1`: exit 3 with OUTPUT_WRITE_FAILED (EPIPE), not an error blamed on the job', async () => {
    const job = `${RIFFLE}class C extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) { out.collect({ k: e.k, pad: 'x'.repeat(200) }) }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new C())
`
    const c = writeCase(job, Array.from({ length: 100_000 }, (_, i) => ({ k: i % 100 })))
    const child = spawn(process.execPath, [join(root, 'bin/riffle.mjs'), 'run', c.jobPath, c.recordingPath, '--out', '-'], { cwd: root })
    let stderr = ''
    let received = ''
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
    // Like `head`: read a little, then close the pipe.
    child.stdout.once('data', (d: Buffer) => { received = d.toString(); child.stdout.destroy() })
    const code = await new Promise<number | null>((resolve) => child.on('close', (c2) => resolve(c2)))
    expect(stderr).not.toContain('JOB_THREW')
    expect(stderr).toMatch(/^riffle: OUTPUT_WRITE_FAILED: the reader of standard output closed the pipe \(EPIPE\) after \d+ output lines?/)
    expect(code).toBe(3)
    // What the reader got are whole lines from the start of the output, in order.
    const first = received.split('\n')[0]
    expect(JSON.parse(first)).toEqual({ value: { k: 0, pad: 'x'.repeat(200) }, timestamp: null })
  })

  it('`riffle run ... 2>&1 | true`: the run\'s own exit status (0), not 1, when the reader of standard error is gone', () => {
    // The summary's write failed with EPIPE, an unhandled 'error' event, and the process exited 1: "the job threw".
    const job = `${RIFFLE}class C extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) { out.collect(e.k) }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new C())
`
    const c = writeCase(job, [{ k: 'a' }, { k: 'b' }])
    const r = spawnSync('bash', ['-c', `node ${JSON.stringify(join(root, 'bin/riffle.mjs'))} run ${JSON.stringify(c.jobPath)} ${JSON.stringify(c.recordingPath)} --out /dev/null 2>&1 | true; echo "\${PIPESTATUS[0]}"`], { cwd: root, encoding: 'utf8' })
    expect(r.stdout.trim()).toBe('0')
  })
})

