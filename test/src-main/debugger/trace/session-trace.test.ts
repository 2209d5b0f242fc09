// A debug session's code-level answers over the seed sessionizer (the scenario) and small inline
// jobs: a step's trace, findings over the steps taken (re-runs count nothing twice), timer lineage through
// lineage() and the key timeline, line breakpoints, and a failing step that keeps its context.
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { SessionOptions } from '../../../../src-main/common/debug-api'
import { DebugSession } from '../../../../src-main/debugger/debug-session'
import { openInline, RIFFLE } from '../../helpers/run-inline'
import { stateKindsJob } from '../../helpers/state-kinds-job'
import { setJobOutputSink } from '../../../../src-main/sandbox/job-console'

const root = resolve(__dirname, '../../../..')
const SEED = resolve(root, 'examples/sessionizer-seed.ts')
const seed = (o: Partial<SessionOptions> = {}): Promise<DebugSession> => DebugSession.open({
  jobPath: SEED, recordingPath: resolve(root, 'recordings/clicks-small.jsonl'), backend: 'heap',
  processingTime: 'follow', drainProcessingTimers: false, skipBadLines: false, ...o,
})

describe('session.trace', () => {
  it.each(['heap', 'leveldb'] as const)('the second event of u1 (%s): line 35 deleted nothing, lines ran in order, the session stays put', async (backend) => {
    const s = await seed({ backend })
    try {
      await s.step({ kind: 'end' }, 5)
      const before = await s.status()
      const t = await s.trace(3) // line 3 of the recording: u1's second event
      expect(t).toMatchObject({ step: 3, kind: 'record', keyStr: '"u1"', operatorId: expect.any(String) })
      expect(t.input?.line).toBe(3)
      const del = t.entries.find((e) => e.kind === 'timerDelete')!
      expect(del).toMatchObject({ kind: 'timerDelete', deleted: false, result: 'nothing deleted', where: { file: SEED, line: 35 } })
      // Every line with code the step ran, plain ones too: the timestamp assigner (57) and key selector (58) first;
      // not 28-29 (the session had started), nor the comment (34) or blank lines.
      expect(t.lines).toEqual([57, 58, 25, 27, 32, 35, 36])
      const write = t.entries.find((e) => e.kind === 'stateWrite' && e.stateName === 'event_count')!
      expect(write).toMatchObject({ before: 1, after: 2, where: { line: 32 } })
      expect(t.findings.map((f) => [f.kind, f.line, f.count, f.firstStep])).toEqual([['noOpTimerDelete', 35, 1, 3]])
      expect(await s.status()).toEqual(before)
      await expect(s.trace(6)).rejects.toThrow(/between 1 and 5/)
    } finally {
      await s.close()
    }
  })
})

describe('session.trace: a write\'s before → after', () => {
  it('is the job\'s values: a map\'s keys as the job wrote them, TTL\'s stamps left out', async () => {
    const job = stateKindsJob(true)
    const s = await openInline(job, [{ k: 'a', kind: 'click', n: 1 }, { k: 'a', kind: 'click', n: 2 }])
    try {
      await s.step({ kind: 'end' })
      const writes = (await s.trace(2)).entries.filter((e) => e.kind === 'stateWrite').map((e) => e.kind === 'stateWrite' && [e.call, e.before, e.after])
      // They were the backend's stored forms: [["\\"click\\"",{"v":1,"t":0}]], [{"v":1,"t":0}], {"v":true,"t":0}.
      expect(writes).toEqual([
        ['m.put("click", 2)', [['click', 1]], [['click', 2]]],
        ['l.add(2)', [1], [1, 2]],
        ['v.update(true)', true, true],
      ])
    } finally {
      await s.close()
    }
  })
})

describe('session.findings', () => {
  it('counts each step once, however often time travel and traces re-run it', async () => {
    const s = await seed()
    try {
      await s.step({ kind: 'end' }, 10)
      const first = await s.findings()
      expect(first.enabled).toBe(true)
      expect(first.findings.map((f) => [f.kind, f.line, f.firstStep, f.firstKey])).toEqual([['noOpTimerDelete', 35, 1, '"u1"']])
      const count = first.findings[0].count
      expect(count).toBe(10)
      await s.seek(2)
      await s.trace(1)
      await s.seek(10)
      await s.stepBack()
      expect((await s.findings()).findings[0].count).toBe(count)
      await s.step({ kind: 'end' }, 1)
      await s.step({ kind: 'end' }, 1)
      expect((await s.findings()).findings[0].count).toBe(count + 1) // step 11 is new, step 10 was not
    } finally {
      await s.close()
    }
  })

  it('covers the whole run after a Go to step past its end, and then traces any of its steps', async () => {
    const s = await seed()
    try {
      const all = await seed()
      await all.step({ kind: 'end' })
      const whole = await all.findings()
      await all.close()
      const r = await s.seek(1000) // past the end: the run goes to its end
      expect(r.status.finished).toBe(true)
      const f = await s.findings()
      // Problems said "over 0 steps" beside the whole run's count: the steps a seek ran past were not counted as reached.
      expect(f.throughStep).toBe(r.status.step)
      expect(f.throughStep).toBe(whole.throughStep)
      expect(f.findings.map((x) => x.count)).toEqual(whole.findings.map((x) => x.count))
      expect((await s.trace(r.status.step - 1)).step).toBe(r.status.step - 1)
    } finally {
      await s.close()
    }
  })

  it('is off when the session starts with findings: false', async () => {
    const s = await seed({ findings: false })
    try {
      await s.step({ kind: 'end' }, 5)
      expect(await s.findings()).toEqual({ enabled: false, findings: [], throughStep: 5, notices: [] })
    } finally {
      await s.close()
    }
  })
})

describe('timer lineage', () => {
  it('an output of a timer goes back to the registering step and line, with the deletes that missed it', async () => {
    const s = await seed()
    try {
      const r = await s.step({ kind: 'output' })
      const out = r.steps.at(-1)!.outputs[0]
      const lv = await s.lineage(out.seq)
      expect(lv.kind).toBe('timer')
      expect(lv.emittedAt).toMatchObject({ file: SEED, line: 41 })
      const origin = lv.timerOrigin!
      expect(origin.registered!.where).toMatchObject({ line: 36 })
      // The first session of u1 closes at its first event + 30 min: registered by that first event (step 1).
      expect(origin.registered!.step).toBe(1)
      expect(origin.missedDeletes.length).toBeGreaterThan(0)
      for (const d of origin.missedDeletes) expect(d.where).toMatchObject({ line: 35 })
      const tl = await s.keyTimeline(out.operatorId, out.keyStr!)
      expect(tl.timers.filter((t) => t.action === 'deleteFoundNothing').every((t) => t.line === 35)).toBe(true)
      expect(tl.timers.some((t) => t.action === 'deleteFoundNothing')).toBe(true)
      expect(tl.timers.find((t) => t.action === 'fired')?.registeredStep).toBe(1)
    } finally {
      await s.close()
    }
  })
})

describe('line breakpoints', () => {
  it('Continue stops at the first step that runs the line (out.collect: the first timer firing); a condition filters by key', async () => {
    const s = await seed()
    try {
      expect(await s.setBreakpoints([{ id: 'l41', kind: 'line', line: 41 }])).toEqual([{ id: 'l41', ok: true }])
      const r = await s.step({ kind: 'continue' })
      expect(r.breakpointHit).toMatchObject({ id: 'l41', kind: 'line' })
      expect(r.steps.at(-1)!.kind).toBe('timer')
      const firstFiring = r.status.step
      await s.seek(0)
      await s.setBreakpoints([{ id: 'c', kind: 'line', line: 41, condition: 'key === "u3"' }])
      const c = await s.step({ kind: 'continue' })
      expect(c.breakpointHit).toMatchObject({ keyStr: '"u3"' })
      expect(c.status.step).toBeGreaterThanOrEqual(firstFiring)
    } finally {
      await s.close()
    }
  })

  const plainJob = `${RIFFLE}
class F extends KeyedProcessFunction<string, any, any> {
  n: any
  open(ctx: any) { this.n = ctx.getState(new ValueStateDescriptor('n', Types.LONG)) }
  processElement(e: any, ctx: any, out: any) {
    this.n.update((this.n.value() ?? 0) + 1)
    const big = e.v > 3 // PLAIN
    if (big) {
      return // RETURN
    }
    const o = {
      k: e.k,
      v: e.v, // INSIDE
    }
    out.collect(o)
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new F())
`
  const plainLine = (marker: string): number => plainJob.split('\n').findIndex((l) => l.includes(marker)) + 1
  const plainRecords = [{ k: 'a', v: 1 }, { k: 'b', v: 5 }, { k: 'a', v: 7 }, { k: 'b', v: 2 }, { k: 'a', v: 9 }]

  it('a breakpoint on a plain line (no Riffle call on it) stops at each step that runs it; conditions and logpoints work there', async () => {
    const s = await openInline(plainJob, plainRecords)
    try {
      expect(await s.setBreakpoints([{ id: 'ret', kind: 'line', line: plainLine('// RETURN') }])).toEqual([{ id: 'ret', ok: true }])
      const r = await s.step({ kind: 'continue' })
      expect(r.breakpointHit).toMatchObject({ id: 'ret', kind: 'line', step: 2, keyStr: '"b"', detail: `line ${plainLine('// RETURN')}` })
      expect((await s.step({ kind: 'continue' })).breakpointHit).toMatchObject({ step: 3, keyStr: '"a"' })
      expect((await s.step({ kind: 'continue' })).breakpointHit).toMatchObject({ step: 5, keyStr: '"a"' })
      await s.seek(0)
      // The condition sees the state after the step: "a" has been counted twice at step 3.
      await s.setBreakpoints([
        { id: 'c', kind: 'line', line: plainLine('// RETURN'), condition: 'key === "a" && n === 3' },
        { id: 'lp', kind: 'line', line: plainLine('// PLAIN'), log: '`${key}:${n}`' },
      ])
      expect((await s.step({ kind: 'continue' })).breakpointHit).toMatchObject({ id: 'c', step: 5, keyStr: '"a"' })
      expect((await s.logpointHits('lp')).map((h) => [h.step, h.value])).toEqual([[1, 'a:1'], [2, 'b:1'], [3, 'a:2'], [4, 'b:2'], [5, 'a:3']])
      // The key selector runs before the step's key is known: its hit names no key (not the step before's).
      await s.seek(1)
      await s.setBreakpoints([{ id: 'sel', kind: 'line', line: plainLine('keyBy') }])
      expect((await s.step({ kind: 'continue' })).breakpointHit).toMatchObject({ id: 'sel', step: 2, keyStr: null })
    } finally {
      await s.close()
    }
  })

  it('a breakpoint on a loop\'s line hits once per step and key however often the loop runs, and hits again at the next step', async () => {
    const loopJob = plainJob.replace('const big = e.v > 3 // PLAIN', 'let t = 0\n    for (let i = 0; i < e.v * 20000; i++) t += i % 3 // LOOP\n    const big = t > 3 * 20000 // PLAIN')
    const loopLine = loopJob.split('\n').findIndex((l) => l.includes('// LOOP')) + 1
    const s = await openInline(loopJob, plainRecords)
    try {
      await s.setBreakpoints([
        { id: 'c', kind: 'line', line: loopLine, condition: 'key === "a" && n === 2' },
        { id: 'lp', kind: 'line', line: loopLine, log: '`${key}:${n}`' },
      ])
      expect((await s.step({ kind: 'continue' })).breakpointHit).toMatchObject({ id: 'c', step: 3, keyStr: '"a"' })
      await s.step({ kind: 'continue' })
      expect((await s.logpointHits('lp')).map((h) => [h.step, h.value])).toEqual([[1, 'a:1'], [2, 'b:1'], [3, 'a:2'], [4, 'b:2'], [5, 'a:3']])
    } finally {
      await s.close()
    }
  })

  it('a step that prints in a loop lists its first 1000 calls, its lines among them, and counts the rest; the Console keeps them once', async () => {
    const job = plainJob.replace('const big = e.v > 3 // PLAIN', 'for (let i = 0; i < e.v * 300; i++) console.log(`line ${i}`) // PRINT\n    const big = e.v > 3 // PLAIN')
    const printLine = job.split('\n').findIndex((l) => l.includes('// PRINT')) + 1
    const s = await openInline(job, plainRecords)
    // As the session's worker routes the job's output (session-worker.ts).
    setJobOutputSink((o) => s.jobOutput(o))
    try {
      await s.step({ kind: 'end' })
      const t = await s.trace(2)
      // The state read and write come first: 998 of the 1500 lines fit in the 1000 calls listed; the rest are counted.
      expect(t.entries).toHaveLength(1000)
      const printed = t.entries.filter((e) => e.kind === 'console')
      expect(printed.every((e, i) => e.kind === 'console' && e.text === `line ${i}` && e.where?.line === printLine)).toBe(true)
      expect(printed).toHaveLength(998)
      expect(t.notListed).toEqual({ entries: 502, byKind: { console: 502 }, outputs: 0 })
      // The trace re-ran step 2: the Console has each step's lines once (5 steps of 300, 1500, 2100, 600, 2700).
      expect((await s.console(0, 1)).total).toBe(300 + 1500 + 2100 + 600 + 2700)
    } finally {
      setJobOutputSink(null)
      await s.close()
    }
  })

  it('a step\'s lines run are every line with code it ran, plain ones and the key selector too', async () => {
    const s = await openInline(plainJob, plainRecords)
    try {
      await s.step({ kind: 'end' })
      const small = await s.trace(1)
      expect(small.lines).toEqual([plainLine('keyBy'), plainLine('this.n.update'), plainLine('// PLAIN'), plainLine('if (big)'),
        plainLine('const o = {'), plainLine('out.collect(o)')])
      const big = await s.trace(2)
      expect(big.lines).toEqual([plainLine('keyBy'), plainLine('this.n.update'), plainLine('// PLAIN'), plainLine('if (big)'), plainLine('// RETURN')])
    } finally {
      await s.close()
    }
  })

  it('a breakpoint on a line without code is unverified, saying why, and never stops', async () => {
    const s = await seed()
    try {
      const st = await s.setBreakpoints([{ id: 'blank', kind: 'line', line: 26 }, { id: 'comment', kind: 'line', line: 34 }, { id: 'obj', kind: 'line', line: 44 }])
      for (const x of st) expect(x).toMatchObject({ ok: true, unverified: expect.stringMatching(/no code runs on line \d+/) })
      const r = await s.step({ kind: 'continue' })
      expect(r.breakpointHit).toBeUndefined()
      expect(r.status.finished).toBe(true)
    } finally {
      await s.close()
    }
  })

  it('a logpoint on a line records its message at each run and never stops', async () => {
    const s = await seed()
    try {
      await s.setBreakpoints([{ id: 'lp', kind: 'line', line: 35, log: '`u=${key} count=${event_count}`' }])
      const r = await s.step({ kind: 'continue' })
      expect(r.breakpointHit).toBeUndefined()
      const hits = await s.logpointHits('lp')
      expect(hits.length).toBe(r.status.recordsIn) // every record runs line 35
      expect(hits[0].value).toBe('u=u1 count=1')
    } finally {
      await s.close()
    }
  })
})

describe('failures keep their context', () => {
  it('a throw stops at the step before it with time travel, the failing step traced up to the throwing line', async () => {
    const job = `${RIFFLE}
class F extends KeyedProcessFunction<string, any, any> {
  n: any
  open(ctx: any) { this.n = ctx.getState(new ValueStateDescriptor('n', Types.LONG)) }
  processElement(e: any, ctx: any, out: any) {
    this.n.update((this.n.value() ?? 0) + 1) // UPDATE
    if (e.boom) throw new Error('boom') // THROWS
    out.collect(e)
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new F())
`
    const line = (marker: string): number => job.split('\n').findIndex((l) => l.includes(marker)) + 1
    const s = await openInline(job, [{ k: 'a' }, { k: 'a' }, { k: 'a', boom: true }, { k: 'a' }])
    try {
      await expect(s.step({ kind: 'end' })).rejects.toMatchObject({ code: 'JOB_THREW' })
      const failure = await s.failure()
      expect(failure).toMatchObject({ step: 3, error: { code: 'JOB_THREW' }, where: { line: line('// THROWS') } })
      expect((await s.status()).step).toBe(3) // stopped at the throw, as before
      const t = failure!.trace!
      expect(t.error?.message).toContain('boom')
      expect(t.entries.map((e) => e.call)).toEqual(['n.value()', 'n.update(3)'])
      expect(t.lines).toEqual([line('keyBy'), line('// UPDATE'), line('// THROWS')])
      expect((await s.stepBack()).status.step).toBe(2)
      expect((await s.keyState(t.operatorId!, '"a"'))!.states[0].entries[0].value).toBe(2) // state before the step
      expect((await s.trace(3)).error?.message).toContain('boom')
      expect(await s.failure()).toMatchObject({ step: 3 })
    } finally {
      await s.close()
    }
  })

  it('a step before the throw can still be traced (and an output of it explained), and the session stays at the throw', async () => {
    // `riffle trace JOB REC --step 1 --to 3` over a throw at step 3 printed nothing and a bare "threw: boom":
    // going back to the throw after the trace re-ran the failing step, whose error replaced the trace.
    const job = `${RIFFLE}
class F extends KeyedProcessFunction<string, any, any> {
  processElement(e: any, ctx: any, out: any) {
    if (e.boom) throw new Error('boom')
    out.collect(e.n) // EMITS
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new F())
`
    const s = await openInline(job, [{ k: 'a', n: 1 }, { k: 'b', n: 2 }, { k: 'a', boom: true }, { k: 'a', n: 4 }])
    try {
      await expect(s.step({ kind: 'end' })).rejects.toMatchObject({ code: 'JOB_THREW' })
      const t = await s.trace(1)
      expect(t).toMatchObject({ step: 1, keyStr: '"a"', outputs: [{ value: 1 }] })
      expect(t.error).toBeUndefined()
      expect((await s.lineage(t.outputs[0].seq)).step).toBe(1)
      expect((await s.trace(2)).outputs).toMatchObject([{ value: 2 }])
      // The other answers that replay the past (a key's history and timeline) stop before the throw too.
      expect((await s.keyTimeline(t.operatorId!, '"a"')).events.map((e) => e.step)).toEqual([1])
      await s.keyHistory(t.operatorId!, '"a"')
      expect((await s.status()).step).toBe(3) // still at the throw
      expect((await s.trace(3)).error?.message).toContain('boom')
      await expect(s.step({ kind: 'end' })).rejects.toMatchObject({ code: 'JOB_THREW' })
      expect((await s.stepBack()).status.step).toBe(2)
    } finally {
      await s.close()
    }
  })
})
