// What a job prints (TypeScript console.*, Python print/sys.stderr) reaches the app's Console through a real
// session worker: each line with its step and job line, once per step however often time travel re-runs it,
// and only the newest lines when a job prints more than the session keeps.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { SessionStarted } from '../../../src-main/common/contract'
import type { ConsoleView } from '../../../src-main/common/trace-api'
import { createDebuggerService } from '../../../src-main/service/create-service'
import type { DebuggerService } from '../../../src-main/service/debugger-service'
import { ConsoleLog } from '../../../src-main/debugger/console-log'
import type { JobOutput } from '../../../src-main/sandbox/job-console'

const root = join(import.meta.dirname, '../../..')
const clicks = join(root, 'recordings/clicks-small.jsonl')
let service: DebuggerService
afterEach(async () => { await service?.dispose() })

type Conn = ReturnType<DebuggerService['connect']>

async function call<T>(c: Conn, name: Parameters<Conn['dispatch']>[0], args: unknown[]): Promise<T> {
  const r = await c.dispatch(name, args)
  if (!r.ok) throw new Error(r.error.message)
  return r.result as T
}

/** The example with one line added after `after` (a line of the file), as a user adds a print. */
function withLine(file: string, after: RegExp, line: string): { path: string; source: string; at: number } {
  const path = join(root, file)
  const lines = readFileSync(path, 'utf8').split('\n')
  const i = lines.findIndex((l) => after.test(l))
  lines.splice(i + 1, 0, line)
  return { path, source: lines.join('\n'), at: i + 2 }
}

async function open(c: Conn, job: { path: string; source: string }): Promise<string> {
  const s = await call<SessionStarted>(c, 'session.start', [{ jobPath: job.path, jobSource: job.source, recordingPath: clicks, backend: 'heap', processingTime: 'follow' }])
  return s.sessionId
}

const TS = withLine('examples/sessionizer-seed.ts', /processElement\(event/, '    console.log("processing", event.user_id); console.error("bad", { n: 1 })')
const PY = withLine('examples/sessionizer-seed.py', /def process_element/, '        print("processing", end=" "); print(event["user_id"]); import sys; print("bad", file=sys.stderr)')

describe("a job's own output, kept once per step", () => {
  for (const [lang, job, err] of [['TypeScript', TS, 'bad { n: 1 }'], ['Python', PY, 'bad']] as const) {
    it(`${lang}: each step's lines once with step, stream and line, however often time travel re-runs the step`, async () => {
      service = createDebuggerService({ mode: 'browser', version: 't', projectRoot: root, workspace: mkdtempSync(join(tmpdir(), 'riffle-console-')) })
      const c = service.connect()
      const id = await open(c, job)
      await call(c, 'session.step', [id, { kind: 'step' }])
      await call(c, 'session.step', [id, { kind: 'step' }])
      const two = await call<ConsoleView>(c, 'session.console', [id, 0, 100])
      expect(two.lines).toEqual([
        { seq: 0, step: 1, stream: 'out', text: 'processing u1', where: { file: job.path, line: job.at, ...(lang === 'TypeScript' ? { column: expect.any(Number) } : {}) } },
        { seq: 1, step: 1, stream: 'err', text: err, where: expect.objectContaining({ file: job.path, line: job.at }) },
        { seq: 2, step: 2, stream: 'out', text: 'processing u2', where: expect.objectContaining({ line: job.at }) },
        { seq: 3, step: 2, stream: 'err', text: err, where: expect.objectContaining({ line: job.at }) },
      ])
      // Step back, step again, seek to the start and on, trace a step: re-runs that print nothing new.
      await call(c, 'session.stepBack', [id])
      await call(c, 'session.step', [id, { kind: 'step' }])
      await call(c, 'session.seek', [id, 0])
      await call(c, 'session.seek', [id, 2])
      await call(c, 'session.trace', [id, 1])
      expect((await call<ConsoleView>(c, 'session.console', [id, 0, 100])).total).toBe(4)
      // Further on, the new steps' lines follow, from the position asked.
      await call(c, 'session.step', [id, { kind: 'step' }])
      const more = await call<ConsoleView>(c, 'session.console', [id, 4, 100])
      expect(more.lines.map((l) => [l.seq, l.step, l.text])).toEqual([[4, 3, 'processing u1'], [5, 3, err]])
      expect(more).toMatchObject({ total: 6, dropped: 0 })
      // A backend check runs the job twice more in this worker: not this run's output.
      await call(c, 'session.backendCheck', [id])
      expect((await call<ConsoleView>(c, 'session.console', [id, 0, 100])).total).toBe(6)
    }, 120_000)
  }
})

describe('what a job prints while it loads, in the step that throws, and more than the session keeps', () => {
  const TS_JOB = `import { KeyedProcessFunction } from 'riffle'
console.log('loading')
class C extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) {
    const n = [1708848000000, 1708848060000, 1708848090000].indexOf(e.ts) + 1
    console.log(Array.from({ length: 4000 }, (_, i) => \`line \${n} \${i}\`).join('\\n'))
    if (n === 3) { console.error('about to throw'); throw new Error('boom') }
    out.collect(e)
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.user_id).process(new C())
`
  const PY_JOB = `import sys
from pyflink.datastream import KeyedProcessFunction
print("loading")


class C(KeyedProcessFunction):
    def process_element(self, value, ctx):
        n = [1708848000000, 1708848060000, 1708848090000].index(value["ts"]) + 1 if value["ts"] <= 1708848090000 else 0
        for i in range(4000):
            print("line", n, i)
        if n == 3:
            print("about to throw", file=sys.stderr)
            raise ValueError("boom")
        yield value


def job(events):
    return events.key_by(lambda e: "all").process(C())
`
  for (const [lang, name, source] of [['TypeScript', 'job.ts', TS_JOB], ['Python', 'job.py', PY_JOB]] as const) {
    it(`${lang}: the load's line is step 0, the failed step's lines are kept once, and only the newest 10 000 are kept`, async () => {
      service = createDebuggerService({ mode: 'browser', version: 't', projectRoot: root, workspace: mkdtempSync(join(tmpdir(), 'riffle-console-')) })
      const c = service.connect()
      const path = join(mkdtempSync(join(tmpdir(), 'riffle-console-job-')), name)
      const id = await open(c, { path, source })
      const first = await call<ConsoleView>(c, 'session.console', [id, 0, 1])
      expect(first.lines).toEqual([{ seq: 0, step: 0, stream: 'out', text: 'loading', where: expect.objectContaining({ file: expect.stringMatching(name), line: lang === 'TypeScript' ? 2 : 3 }) }])
      await call(c, 'session.step', [id, { kind: 'step' }])
      await call(c, 'session.step', [id, { kind: 'step' }])
      const r = await c.dispatch('session.step', [id, { kind: 'step' }])
      expect(r).toMatchObject({ ok: false, error: { code: 'JOB_THREW' } })
      // The failed step's trace and a step back and forth re-run it: nothing new.
      await call(c, 'session.trace', [id, 3])
      await call(c, 'session.seek', [id, 1])
      await c.dispatch('session.step', [id, { kind: 'end' }])
      const v = await call<ConsoleView>(c, 'session.console', [id, 0, 10_000])
      expect(v).toMatchObject({ total: 1 + 3 * 4000 + 1, dropped: 1 + 3 * 4000 + 1 - 10_000, keep: 10_000 })
      expect(v.lines).toHaveLength(10_000)
      expect(v.lines[0].seq).toBe(v.dropped)
      expect(v.lines.at(-2)).toMatchObject({ step: 3, stream: 'out', text: 'line 3 3999' })
      expect(v.lines.at(-1)).toMatchObject({ step: 3, stream: 'err', text: 'about to throw' })
    }, 120_000)
  }
})

describe('the console keeps the newest lines', () => {
  it('drops the oldest past its limit and says how many', () => {
    const log = new ConsoleLog(3)
    for (let i = 0; i < 5; i++) log.add({ stream: 'out', text: `l${i}`, where: () => null }, i + 1)
    expect(log.view(0, 10)).toEqual({
      lines: [2, 3, 4].map((i) => ({ seq: i, step: i + 1, stream: 'out', text: `l${i}`, where: null })), total: 5, dropped: 2, keep: 3,
    })
    expect(log.view(4, 10).lines.map((l) => l.text)).toEqual(['l4'])
    // One call's text of several lines is several lines.
    log.add({ stream: 'warn', text: 'a\nb', where: () => null }, 9)
    expect(log.view(0, 10).lines.map((l) => l.text)).toEqual(['l4', 'a', 'b'])
  })

  it("joins a line written in parts (Python's print) within a step, and ends it with the step", () => {
    const log = new ConsoleLog()
    const chunk = (text: string, stream: 'out' | 'err' = 'out'): JobOutput => ({ stream, text, where: () => ({ file: 'j.py', line: 3 }), chunk: true })
    for (const t of ['processing', ' ', 'u1', '\n', 'no newline', ' yet']) log.add(chunk(t), 1)
    log.add(chunk('to stderr\n', 'err'), 1)
    log.endStep()
    log.add(chunk('next\n'), 2)
    expect(log.view(0, 10).lines.map((l) => [l.step, l.stream, l.text])).toEqual([
      [1, 'out', 'processing u1'], [1, 'err', 'to stderr'], [1, 'out', 'no newline yet'], [2, 'out', 'next'],
    ])
  })
})
