// Time travel and the job's own fields (a TypeScript job): a job that counts in a plain field of its function object
// instead of Flink state ("counts drift", the classic mistake a user comes to the debugger with) must be shown as a
// straight run has it. A re-run of a step (its trace, a step back, a seek, Continue after a seek back) runs the job's
// code again; without the fields in the snapshots the field moved twice and the outputs drifted from `riffle run`'s.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DebugSession } from '../../../../src-main/debugger/debug-session'
import type { WatchValue } from '../../../../src-main/common/debug-api'
import { mainValues, RIFFLE, runInline, writeCase } from '../../helpers/run-inline'
import { FIELDS_JOB, makeCase, observable } from '../time-travel-job'

const JOB = `${RIFFLE}
class Stats { n = 0; seen = new Set<string>(); add(k: string) { this.n++; this.seen.add(k); return this } size() { return this.seen.size } }
class Count extends KeyedProcessFunction<string, any, any> {
  seen = 0
  log: string[] = []
  byKey = new Map<string, number>()
  stats = new Stats()
  first: Date | null = null
  me = this // the job's object itself: kept, never copied (this.me stays this after a restore)
  count: any
  handles: any
  open(ctx: any) { this.count = ctx.getState(new ValueStateDescriptor('count', Types.LONG)); this.handles = { count: this.count } }
  processElement(e: any, ctx: any, out: any) {
    this.seen++
    this.log.push(e.k)
    if (this.log.length > 3) this.log.shift()
    this.byKey.set(e.k, (this.byKey.get(e.k) ?? 0) + 1)
    this.stats.add(e.k)
    if (this.first === null) this.first = new Date(e.ts)
    ;(this as any)['extra' + this.seen] = this.seen
    this.handles.count.update((this.count.value() ?? 0) + 1) // a handle inside a field's object: kept, never copied
    out.collect([e.k, this.seen, this.byKey.get(e.k), this.stats.size(), this.log.join(''), this.first.getTime(), this.count.value(), Object.keys(this).length, this.me === this])
  }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.k).process(new Count()).name('count')
`
const KEYS = 'aabacbbcaabcacbb'
const EVENTS = [...KEYS].map((k, i) => ({ k, ts: 1000 + i * 10 }))

const shown = (w: WatchValue): unknown => ('value' in w ? w.value : w.text ?? w.error)

async function open(backend: 'heap' | 'leveldb', every: number): Promise<DebugSession> {
  const c = writeCase(JOB, EVENTS)
  return DebugSession.open({
    jobPath: c.jobPath, recordingPath: c.recordingPath, backend, processingTime: 'follow', drainProcessingTimers: false,
    skipBadLines: false, echoJobOutput: false,
  }, { minInterval: every, maxInterval: every })
}

async function outputs(s: DebugSession): Promise<unknown[]> {
  return (await s.outputs(0, 1e9)).items.map((o) => o.value)
}

/** `this.seen` and the outputs so far, as the session shows them at the step it stands at. */
async function at(s: DebugSession, op: string): Promise<unknown> {
  const [w] = await s.watch(op, '"a"', ['this.seen + ":" + this.log.join("") + ":" + this.stats.n'])
  return { step: (await s.status()).step, seen: shown(w!), outputs: await outputs(s) }
}

describe.each(['heap', 'leveldb'] as const)('the job\'s own fields under time travel (%s)', (backend) => {
  it('a trace, a step back, seeks back and forward and a watch leave the fields and outputs as a straight run has them', async () => {
    const straight = mainValues(await runInline(JOB, EVENTS))
    expect(straight[2]).toEqual(['b', 3, 1, 2, 'aab', 1000, 1, 11, true])
    // What stepping forward only (no re-run) shows at each step.
    const fresh = await open(backend, 1e9)
    const op = (await fresh.operators()).find((o) => o.keyed)!.id
    const views: unknown[] = [await at(fresh, op)]
    try {
      for (;;) {
        const r = await fresh.step({ kind: 'step' })
        if (r.taken === 0) break
        views.push(await at(fresh, op))
      }
      expect(await outputs(fresh)).toEqual(straight)
    } finally {
      await fresh.close()
    }
    const total = views.length - 1

    const s = await open(backend, 3)
    try {
      await s.step({ kind: 'step' })
      expect(await at(s, op)).toEqual(views[1])
      await s.trace(1)
      expect(await at(s, op)).toEqual(views[1])
      await s.step({ kind: 'end' }, 4)
      expect(await at(s, op)).toEqual(views[5])
      await s.trace(3)
      await s.trace(5)
      expect(await at(s, op)).toEqual(views[5])
      await s.stepBack()
      expect(await at(s, op)).toEqual(views[4])
      await s.stepBack()
      expect(await at(s, op)).toEqual(views[3])
      await s.seek(9)
      expect(await at(s, op)).toEqual(views[9])
      await s.seek(2)
      expect(await at(s, op)).toEqual(views[2])
      await s.step({ kind: 'step' })
      expect(await at(s, op)).toEqual(views[3])
      // Continue after the seek back: the steps re-run from here to the end give the straight run's outputs.
      await s.step({ kind: 'end' })
      expect(await outputs(s)).toEqual(straight)
      for (const t of [7, 0, total, 1, 12, 11, 4]) {
        await s.seek(t)
        expect(await at(s, op), `seek(${t})`).toEqual(views[t])
      }
    } finally {
      await s.close()
    }
  })
})

describe('fields time travel cannot copy', () => {
  it('a WeakMap field and #private members are left as they are, said once as notices, and the session runs on', async () => {
    const job = `${RIFFLE}
class Count extends KeyedProcessFunction<string, any, any> {
  #n = 0
  cache = new WeakMap<object, number>()
  seen = 0
  processElement(e: any, ctx: any, out: any) { this.#n++; this.seen++; out.collect([e.k, this.seen, this.#n]) }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.k).process(new Count())
`
    const c = writeCase(job, EVENTS.slice(0, 6))
    const s = await DebugSession.open({
      jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', processingTime: 'follow', drainProcessingTimers: false,
      skipBadLines: false, echoJobOutput: false,
    }, { minInterval: 2, maxInterval: 2 })
    try {
      await s.step({ kind: 'end' })
      await s.seek(1)
      await s.step({ kind: 'end' })
      // The public field is put back; the #private one cannot be, so it moved on from where the run had left it.
      expect((await outputs(s)).map((o) => (o as unknown[])[1])).toEqual([1, 2, 3, 4, 5, 6])
      const notices = (await s.findings()).notices.map((n) => n.message)
      expect(notices.filter((m) => m.includes('#private members of Count'))).toHaveLength(1)
      expect(notices.filter((m) => m.includes('this.cache of Count (it holds a WeakMap)'))).toHaveLength(1)
    } finally {
      await s.close()
    }
  })
})

describe.each(['heap', 'leveldb'] as const)('random time travel over a job counting in fields (fast-check, %s)', (backend) => {
  it('any mix of seeks, steps back, traces and steps leaves the run where a straight run is', async () => {
    const c = makeCase(150, FIELDS_JOB, undefined, backend)
    // The straight run: one session stepped forward only, its view at every step.
    const fresh = await c.open({ minInterval: Number.MAX_SAFE_INTEGER, maxInterval: Number.MAX_SAFE_INTEGER })
    const views: unknown[] = [await observable(fresh)]
    try {
      while ((await fresh.step({ kind: 'step' })).taken > 0) views.push(await observable(fresh))
      views[views.length - 1] = await observable(fresh) // the last step, as the finished run shows it (seek and Continue end so)
    } finally {
      await fresh.close()
    }
    const total = views.length - 1
    type Op = { seek: number } | { back: true } | { trace: number } | { steps: number }
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.integer({ min: 0, max: total }).map((t) => ({ seek: t })),
      fc.constant({ back: true as const }),
      fc.integer({ min: 1, max: total }).map((t) => ({ trace: t })),
      fc.integer({ min: 1, max: 40 }).map((n) => ({ steps: n })),
    )
    const runs = fc.sample(fc.array(op, { minLength: 8, maxLength: 12 }), { numRuns: 3, seed: 7 })
    const s = await c.open({ minInterval: 13, maxInterval: 13 })
    try {
      await s.step({ kind: 'end' }) // every step reached once: a trace may pick any
      for (const ops of runs) {
        for (const o of ops) {
          const at = (await s.status()).step
          if ('seek' in o) await s.seek(o.seek)
          else if ('back' in o) await s.stepBack()
          else if ('trace' in o) await s.trace(o.trace)
          else if (at < total) await s.step({ kind: 'end' }, o.steps)
          const now = (await s.status()).step
          expect(await observable(s), `${JSON.stringify(o)} from step ${at}`).toEqual(views[now])
        }
      }
    } finally {
      await s.close()
    }
  })
})
