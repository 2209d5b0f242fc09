// The command line's findings block (API.md "Findings") and `riffle trace` (API.md "More commands"), run as
// a user runs them: spawned `node bin/riffle.mjs` over the repository's own examples and recordings.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { StepTrace } from '../../../src-main/common/trace-api'

const root = join(__dirname, '../../..')
beforeAll(() => { execFileSync(process.execPath, [join(root, 'bin/riffle-build.mjs')], { cwd: root, stdio: 'pipe' }) })

function riffle(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** `riffle trace` of the seed's Python twin at step 1, which two tests read: run once (a Pyodide start). */
let seedPyStep1: ReturnType<typeof riffle> | undefined
const traceSeedPyStep1 = (): ReturnType<typeof riffle> => (seedPyStep1 ??= riffle('trace', 'examples/sessionizer-seed.py', 'recordings/clicks-small.jsonl', '--step', '1'))

const SEED_LINE = '  warning  examples/sessionizer-seed.ts:35  deleteEventTimeTimer(t) found no timer at t: nothing was deleted  (50,000 times; first at step 1, key "u00758")'

describe('riffle run: findings', () => {
  it('the seed sessionizer prints the no-op delete at line 35 after the summary, exactly as API.md shows it', () => {
    const r = riffle('run', 'examples/sessionizer-seed.ts', 'recordings/clicks.jsonl')
    expect(r.code).toBe(0)
    expect(r.stderr).toContain(`\nfindings:\n${SEED_LINE}\n`)
    expect(r.stderr.indexOf('findings:')).toBeGreaterThan(r.stderr.indexOf('peak memory'))
    expect(readFileSync(join(root, 'examples/sessionizer-seed.ts'), 'utf8').split('\n')[34]).toContain('deleteEventTimeTimer(now)')
  })

  it('--findings=error exits 1 on the seed sessionizer and 0 on the fixed one, which prints "findings: none"', () => {
    const seed = riffle('run', 'examples/sessionizer-seed.ts', 'recordings/clicks-small.jsonl', '--findings=error')
    expect(seed.code).toBe(1)
    expect(seed.stderr).toContain('--findings=error')
    const fixed = riffle('run', 'examples/sessionizer-fixed.ts', 'recordings/clicks.jsonl', '--findings=error')
    expect(fixed.code).toBe(0)
    expect(fixed.stderr).toMatch(/\nfindings: none\n$/)
  })

  it('--no-findings leaves the block out; a bad --findings value is a usage error', () => {
    const r = riffle('run', 'examples/sessionizer-seed.ts', 'recordings/clicks-small.jsonl', '--no-findings')
    expect(r.code).toBe(0)
    expect(r.stderr).not.toContain('findings')
    expect(riffle('run', 'examples/sessionizer-seed.ts', 'recordings/clicks-small.jsonl', '--findings=loud').code).toBe(2)
  })

  it.each([
    ['examples/sessionizer-fixed.ts', 'recordings/clicks.jsonl'],
    ['examples/running-count.ts', 'recordings/clicks.jsonl'],
  ])('%s over %s raises no finding', (job, rec) => {
    const r = riffle('run', job, rec, '--findings=error')
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/\nfindings: none\n$/)
  })

  // Their recordings hold out-of-order events past the watermark bound: a true hint, and no warning.
  it.each([
    ['examples/dedup-ttl.ts', 'recordings/payments.jsonl', 39],
    ['examples/failed-logins.ts', 'recordings/logins.jsonl', 60],
  ])('%s over %s raises no warning, only the late-records hint at its timestamp assigner', (job, rec, line) => {
    const r = riffle('run', job, rec, '--findings=error')
    expect(r.code).toBe(0)
    const block = r.stderr.slice(r.stderr.indexOf('\nfindings:\n') + 1).trim().split('\n')
    expect(block).toHaveLength(2)
    expect(block[1]).toMatch(new RegExp(`^ {2}hint {5}${job.replace('.', '\\.')}:${line} {2}records at or behind the watermark`))
  })
})

describe('riffle trace', () => {
  it('prints a step: what it was, every call with its job line and result, and the findings raised there', () => {
    const r = riffle('trace', 'examples/sessionizer-seed.ts', 'recordings/clicks-small.jsonl', '--step', '1')
    expect(r.code).toBe(0)
    const out = r.stdout.split('\n')
    expect(out[0]).toMatch(/^step 1 {2}record {2}key "u1" {2}clicks-small\.jsonl:1 {2}watermark none yet \(Long\.MIN_VALUE\) → \d+ {2}processing time \d+$/)
    expect(out).toContainEqual(expect.stringMatching(/^ {2}examples\/sessionizer-seed\.ts:28 +session_start\.update\(\d+\) {2}absent → \d+$/))
    expect(out).toContainEqual(expect.stringMatching(/^ {2}examples\/sessionizer-seed\.ts:35 +deleteEventTimeTimer\(\d+\) {2}nothing deleted$/))
    expect(out).toContainEqual(expect.stringMatching(/^ {2}warning {2}examples\/sessionizer-seed\.ts:35 {2}deleteEventTimeTimer/))
    // Every line with code the step ran, ascending, three or more in a row as a range: the key's first event
    // starts its session (28-29), the comment (34) and blank lines never run; 57-58 are the assigner and keyBy.
    expect(out[2]).toBe('  lines run: 25, 27–29, 32, 35, 36, 57, 58')
  })

  it('a step of a Python job prints its lines run too, and --json gives the same lines in the order they first ran', () => {
    const text = traceSeedPyStep1()
    expect(text.code).toBe(0)
    const shown = text.stdout.split('\n').find((l) => l.startsWith('  lines run: '))
    // The article's process_element for a key's first event (21: a plain assignment), the assigner (52), key_by's lambda (60).
    expect(shown).toBe('  lines run: 20, 21, 23–25, 27, 30, 31, 52, 60')
    const json = riffle('trace', 'examples/sessionizer-seed.py', 'recordings/clicks-small.jsonl', '--step', '1', '--json')
    const t = JSON.parse(json.stdout.trim()) as StepTrace
    // Every call the job made has its .py line (ctx.timestamp() too, as in a TypeScript job), and that line ran.
    for (const e of t.entries) expect(t.lines, e.call).toContain(e.where?.line)
    const expanded = shown!.slice('  lines run: '.length).split(', ').flatMap((p) => {
      const [a, b] = p.split('–').map(Number)
      return b === undefined ? [a] : Array.from({ length: b - a + 1 }, (_, i) => a + i)
    })
    expect(expanded).toEqual([...t.lines].sort((a, b) => a - b))
  })

  it("a Python job's trace and findings name its calls and values as the .py file writes them", () => {
    const r = traceSeedPyStep1()
    expect(r.code).toBe(0)
    // Step 1, u1's first event: session_start.value() is None; the article's delete finds no timer (line 30).
    expect(r.stdout).toMatch(/sessionizer-seed\.py:23 {2}session_start\.value\(\) {2}→ None\n/)
    expect(r.stdout).toMatch(/sessionizer-seed\.py:30 {2}delete_event_time_timer\(\d+\) {2}nothing deleted\n/)
    expect(r.stdout).toMatch(/sessionizer-seed\.py:31 {2}register_event_time_timer\(\d+\) {2}registered\n/)
    expect(r.stdout).toContain('warning  examples/sessionizer-seed.py:30  delete_event_time_timer(t) found no timer at t: nothing was deleted')
    expect(r.stdout).not.toMatch(/EventTimeTimer|→ null/)
    const run = riffle('run', 'examples/sessionizer-seed.py', 'recordings/clicks-small.jsonl', '--out', '/dev/null')
    expect(run.stderr).toContain('examples/sessionizer-seed.py:30  delete_event_time_timer(t) found no timer at t')
  })

  it("a Python job's portability warning is said once on standard error, as riffle run says it, and not in the trace", () => {
    const r = riffle('trace', 'examples/sessionizer-seed.py', 'recordings/clicks-small.jsonl', '--step', '45')
    expect(r.code).toBe(0)
    expect(r.stderr.split('\n').filter((l) => l.startsWith('warning: '))).toEqual([
      expect.stringMatching(/^warning: examples\/sessionizer-seed\.py:35: out\.collect\(\.\.\.\) is the seed article's form and will not run on a Flink cluster/),
    ])
    expect(r.stdout).toMatch(/^step 45 /)
    expect(r.stdout).not.toContain('Flink cluster')
  })

  it('--json prints one StepTrace per step from --step to --to; a timer firing names its registering step and line', () => {
    const r = riffle('trace', 'examples/sessionizer-seed.ts', 'recordings/clicks-small.jsonl', '--step', '1', '--to', '40', '--json')
    expect(r.code).toBe(0)
    const traces = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as StepTrace)
    expect(traces.map((t) => t.step)).toEqual(Array.from({ length: traces.length }, (_, i) => i + 1))
    expect(traces.length).toBeGreaterThan(5)
    expect(traces[0].lines).toEqual([57, 58, 25, 27, 28, 29, 32, 35, 36])
    const firing = traces.find((t) => t.kind === 'timer')
    expect(firing).toBeDefined()
    expect(firing!.entries.some((e) => e.kind === 'output' && e.where?.line === 41)).toBe(true)
    const origin = firing!.timerOrigin!
    expect(origin.registered!.where!.line).toBe(36)
    const reg = traces[origin.registered!.step - 1]
    expect(reg.keyStr).toBe(firing!.keyStr)
    expect(reg.entries.some((e) => e.kind === 'timerRegister' && e.timestamp === firing!.timer!.timestamp)).toBe(true)
    // The later events of the key each deleted nothing while that timer was pending: the deletes that missed it.
    for (const d of origin.missedDeletes) expect(d.where!.line).toBe(35)
  })

  it('a range over a step that throws traces the steps before it, then the failing step up to the throw, and exits 1', () => {
    // It printed no step at all and a bare "processElement threw: boom", without the job line or the record.
    const dir = mkdtempSync(join(tmpdir(), 'riffle-trace-'))
    const job = join(dir, 'job.ts')
    const rec = join(dir, 'rec.jsonl')
    writeFileSync(job, `import { KeyedProcessFunction } from 'riffle'
class F extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) {
    if (e.boom) throw new Error('boom')
    out.collect(e.n)
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new F())
`)
    writeFileSync(rec, '{"k":"a","n":1}\n{"k":"b","n":2}\n{"k":"a","boom":true}\n{"k":"a","n":4}\n')
    const r = riffle('trace', job, rec, '--step', '1', '--to', '4', '--json')
    expect(r.code, r.stderr).toBe(1)
    const steps = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as StepTrace)
    expect(steps.map((t) => t.step)).toEqual([1, 2, 3])
    expect(steps[0].outputs.map((o) => o.value)).toEqual([1])
    expect(steps[2].error?.message).toContain('boom')
    expect(steps[2].input).toMatchObject({ line: 3, value: { k: 'a', boom: true } }) // the record the failing step carried
    expect(r.stderr).toMatch(new RegExp(`^riffle: JOB_THREW: processElement threw Error: boom at ${job}:4:`))
    expect(r.stderr).toContain('rec.jsonl:3: {"k":"a","boom":true}')
    rmSync(dir, { recursive: true, force: true })
  })

  it('a range over a step the watchdog stops traces the steps before it, then exits 1 with the watchdog\'s error and the record', () => {
    // It printed no step at all: steps 1 and 2 ran, but one JOB_TIMEOUT while stepping to --to lost them.
    const dir = mkdtempSync(join(tmpdir(), 'riffle-trace-'))
    const job = join(dir, 'job.ts')
    const rec = join(dir, 'rec.jsonl')
    writeFileSync(job, `import { KeyedProcessFunction } from 'riffle'
class F extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) {
    while (e.spin) { /* endless */ }
    out.collect(e.n)
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new F())
`)
    writeFileSync(rec, '{"k":"a","n":1}\n{"k":"b","n":2}\n{"k":"a","spin":true}\n{"k":"a","n":4}\n')
    const r = riffle('trace', job, rec, '--step', '1', '--to', '4', '--json', '--watchdog-ms', '500')
    expect(r.code, r.stderr).toBe(1)
    const steps = r.stdout.trim().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as StepTrace)
    expect(steps.map((t) => t.step)).toEqual([1, 2])
    expect(steps[1].outputs.map((o) => o.value)).toEqual([2])
    expect(r.stderr).toMatch(/^riffle: JOB_TIMEOUT: the job's code did not return within 500 ms while processing \S*rec\.jsonl:3/)
    expect(r.stderr).toContain('(an endless loop?): {"k":"a","spin":true}') // the record's text, as riffle run gives it
    // --step at the stopped step itself: its error, not "tracing it would run the loop again" as a bad argument.
    const at = riffle('trace', job, rec, '--step', '3', '--watchdog-ms', '500')
    expect(at.code, at.stderr).toBe(1)
    expect(at.stdout).toBe('')
    expect(at.stderr).toMatch(/^riffle: JOB_TIMEOUT: /)
    rmSync(dir, { recursive: true, force: true })
  })

  // The header showed only the watermark after the step, 1708847994999, while step 1's code read Long.MIN_VALUE.
  it('the header shows the watermark before → after the step (the code read the one before), --json both', () => {
    const text = riffle('trace', 'examples/sessionizer-seed.ts', 'recordings/clicks-small.jsonl', '--step', '1', '--to', '2')
    expect(text.code, text.stderr).toBe(0)
    const headers = text.stdout.split('\n').filter((l) => l.startsWith('step '))
    expect(headers[0]).toBe('step 1  record  key "u1"  clicks-small.jsonl:1  watermark none yet (Long.MIN_VALUE) → 1708847994999  processing time 1708848000000')
    expect(headers[1]).toBe('step 2  record  key "u2"  clicks-small.jsonl:2  watermark 1708847994999 → 1708848054999  processing time 1708848060000')
    const json = riffle('trace', 'examples/sessionizer-seed.ts', 'recordings/clicks-small.jsonl', '--step', '1', '--json')
    expect(json.stdout).toContain('"watermark":1708847994999,')
    expect(json.stdout).toContain('"watermarkBefore":-9223372036854775808,')
  })

  it('a step that does not move the watermark shows it once; a timer the end of input fired shows the jump', () => {
    const dir = mkdtempSync(join(tmpdir(), 'riffle-trace-wm-'))
    try {
      const job = join(dir, 'wm.ts')
      writeFileSync(job, `import { KeyedProcessFunction, WatermarkStrategy, type StreamExecutionEnvironment } from 'riffle'
class W extends KeyedProcessFunction<string, any, any> {
  processElement(e: any, ctx: any, out: any) {
    ctx.timerService().registerEventTimeTimer(e.ts + 1)
    out.collect(ctx.timerService().currentWatermark())
  }
  onTimer(ts: number, ctx: any, out: any) {
    out.collect(ctx.timerService().currentWatermark())
  }
}
export default (env: StreamExecutionEnvironment) => env.fromRecording<any>()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps<any>().withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.k).process(new W())
`)
      const rec = join(dir, 'wm.jsonl')
      writeFileSync(rec, '{"k":"a","ts":10}\n{"k":"a","ts":20}\n')
      const r = riffle('trace', job, rec, '--step', '2', '--to', '4')
      expect(r.code, r.stderr).toBe(0)
      const headers = r.stdout.split('\n').filter((l) => l.startsWith('step '))
      expect(headers).toEqual([
        'step 2  record  key "a"  wm.jsonl:2  watermark 9 → 19  processing time 20',
        'step 3  timer  EVENT_TIME timer at 11  key "a"  watermark 19  processing time 20',
        'step 4  timer  EVENT_TIME timer at 21  key "a"  watermark 19 → end of input (Long.MAX_VALUE)  processing time 20',
      ])
      // The record's code read the watermark before; the timers' onTimer the one after (that made them due).
      expect(r.stdout).toMatch(/wm\.ts:5 +timerService\(\)\.currentWatermark\(\) {2}→ 9\n/)
      expect(r.stdout).toMatch(/wm\.ts:8 +timerService\(\)\.currentWatermark\(\) {2}→ 19\n/)
      expect(r.stdout).toMatch(/wm\.ts:8 +timerService\(\)\.currentWatermark\(\) {2}→ Long\.MAX_VALUE\n/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('traces a step whose loop runs 200 000 times, and names the watermark before any as none yet', () => {
    // Each run of a traced line cost V8 a breakpoint condition: the loop's step outlasted the 5 s watchdog.
    const dir = mkdtempSync(join(tmpdir(), 'riffle-trace-loop-'))
    try {
      const job = join(dir, 'loop.ts')
      writeFileSync(job, `import { KeyedProcessFunction, type Context, type Collector, type StreamExecutionEnvironment } from 'riffle'
class Loop extends KeyedProcessFunction<string, { user_id: string }, { user: string; acc: number }> {
  processElement(e: { user_id: string }, ctx: Context<string>, out: Collector<{ user: string; acc: number }>) {
    let acc = 0
    for (let i = 0; i < 200000; i++) {
      acc += i % 7
    }
    out.collect({ user: e.user_id, acc })
  }
}
export default function job(env: StreamExecutionEnvironment) {
  return env.fromRecording<{ user_id: string }>().keyBy((e) => e.user_id).process(new Loop())
}
`)
      const r = riffle('trace', job, 'recordings/clicks-small.jsonl', '--step', '2')
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      const out = r.stdout.split('\n')
      expect(out[0]).toMatch(/^step 2 {2}record {2}key "u2" {2}clicks-small\.jsonl:2 {2}watermark none yet \(Long\.MIN_VALUE\) {2}processing time \d+$/)
      expect(out[2]).toBe('  lines run: 4–6, 8, 12')
      expect(out).toContainEqual(expect.stringMatching(/loop\.ts:8 +out\.collect\(\{"user":"u2","acc":599994\}\) {2}emitted #1$/))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('lists what the traced steps printed among their calls, and prints nothing the steps before them printed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'riffle-trace-print-'))
    try {
      const job = join(dir, 'chatty.ts')
      writeFileSync(job, `import { KeyedProcessFunction, ValueStateDescriptor, Types, type Context, type Collector, type RuntimeContext, type ValueState, type StreamExecutionEnvironment } from 'riffle'
class Chatty extends KeyedProcessFunction<string, { user_id: string }, number> {
  n!: ValueState<number>
  open(ctx: RuntimeContext) { this.n = ctx.getState(new ValueStateDescriptor<number>('n', Types.LONG)) }
  processElement(e: { user_id: string }, ctx: Context<string>, out: Collector<number>) {
    console.log('seen', e.user_id)
    const n = (this.n.value() ?? 0) + 1
    if (n > 1) console.warn('again\\n' + n)
    this.n.update(n)
  }
}
export default function job(env: StreamExecutionEnvironment) {
  return env.fromRecording<{ user_id: string }>().keyBy((e) => e.user_id).process(new Chatty())
}
`)
      const r = riffle('trace', job, 'recordings/clicks-small.jsonl', '--step', '5')
      expect(r.code).toBe(0)
      expect(r.stderr).toBe('')
      const calls = r.stdout.split('\n').filter((l) => l.startsWith(`  ${job}:`)).map((l) => l.slice(job.length + 3).replace(/ +/g, ' '))
      expect(calls).toEqual(['6 console.log printed "seen u2"', '7 n.value() → 1', '8 console.warn printed "again"', '8 console.warn printed "2"', '9 n.update(2) 1 → 2'])
      const json = riffle('trace', job, 'recordings/clicks-small.jsonl', '--step', '5', '--json')
      const t = JSON.parse(json.stdout) as StepTrace
      expect(t.entries.filter((e) => e.kind === 'console').map((e) => [e.kind === 'console' && e.stream, e.kind === 'console' && e.text, e.where?.line]))
        .toEqual([['out', 'seen u2', 6], ['warn', 'again', 8], ['warn', '2', 8]])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it("a Python job's printed lines are whole lines in its trace, print(end='') parts and sys.stderr's too", () => {
    const dir = mkdtempSync(join(tmpdir(), 'riffle-trace-print-py-'))
    try {
      const job = join(dir, 'chatty.py')
      writeFileSync(job, readFileSync(join(root, 'bench/reference-sessionizer.py'), 'utf8').replace('        ts = ctx.timestamp()\n',
        '        ts = ctx.timestamp()\n        print("at", ts, end="")\n        print(" for", e["user_id"])\n        print("to err", file=sys.stderr)\n')
        .replace('GAP = ', 'import sys\nGAP = '))
      const r = riffle('trace', job, 'recordings/clicks-small.jsonl', '--step', '2')
      expect(r.code).toBe(0)
      expect(r.stderr).toBe('')
      const calls = r.stdout.split('\n').filter((l) => l.startsWith(`  ${job}:`)).map((l) => l.slice(job.length + 3).replace(/ +/g, ' '))
      expect(calls.slice(0, 3)).toEqual(['18 ctx.timestamp() → 1708848060000', '19 print printed "at 1708848060000 for u2"', '21 print (stderr) printed "to err"'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('refuses a step past the end and a missing --step', () => {
    expect(riffle('trace', 'examples/sessionizer-seed.ts', 'recordings/clicks-small.jsonl', '--step', '100000').code).toBe(2)
    expect(riffle('trace', 'examples/sessionizer-seed.ts', 'recordings/clicks-small.jsonl').code).toBe(2)
  })
})
