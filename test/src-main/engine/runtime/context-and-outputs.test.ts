// Context timestamps, side outputs and keys of a keyed process function (docs/semantics.md C1-C6, SO1-SO3,
// K5; docs/job-api.md "Time in a replay", docs/command-line.md --out), run end to end through runJob.
import { describe, expect, it } from 'vitest'
import { mainValues, RIFFLE, runInline, runInlineError } from '../../helpers/run-inline'
import { scriptJob } from '../../helpers/script-job'

type V = Record<string, unknown>

describe('record timestamps (C1, C2, C6)', () => {
  it('C1/C2: without an assigner ctx.timestamp() is null and outputs carry no timestamp', async () => {
    const r = await runInline(scriptJob({ noAssigner: true }), [{ k: 'a', ts: 5, side: true }])
    expect(r.out).toEqual([
      { value: { in: 'a', key: 'a', ts: null, wm: -9223372036854775808, pt: 0 }, timestamp: null },
      // docs/job-api.md: no timestamp stays none on side outputs too (C3's MIN is not carried).
      { tag: 'side', value: { sideOf: 'a' }, timestamp: null },
    ])
  })

  it('C1/C2: with an assigner ctx.timestamp() is the record\'s and outputs inherit it', async () => {
    const r = await runInline(scriptJob(), [{ k: 'a', ts: 1234 }])
    expect(r.out).toEqual([{ value: { in: 'a', key: 'a', ts: 1234, wm: -9223372036854775808, pt: 1234 }, timestamp: 1234 }])
  })

  it('a kcat -J record carries its envelope ts as its timestamp without any assigner, and processing time follows it', async () => {
    const env = (k: string, ts: number): string => JSON.stringify({ topic: 't', partition: 0, offset: 0, tstype: 'create', ts, broker: 1, key: null, payload: JSON.stringify({ k }) })
    const r = await runInline(scriptJob({ noAssigner: true }), [env('a', 5000), env('b', 7000)])
    expect(r.out.map((l) => [(l.value as V).ts, (l.value as V).pt, l.timestamp])).toEqual([[5000, 5000, 5000], [7000, 7000, 7000]])
  })

  it('C6: a record older than the watermark is processed normally, with its own timestamp', async () => {
    const r = await runInline(scriptJob(), [{ k: 'a', ts: 100 }, { k: 'a', ts: 200 }, { k: 'a', ts: 5, id: 'late' }])
    const late = r.out.find((l) => (l.value as V).in === 'late')
    expect(late).toEqual({ value: { in: 'late', key: 'a', ts: 5, wm: 199, pt: 200 }, timestamp: 5 })
  })
})

describe('side outputs (C4, SO1-SO3)', () => {
  it('C4: ctx.output(null, v) throws "OutputTag must not be null."', async () => {
    const job = scriptJob().replace('if (e.side) ctx.output(SIDE', 'if (e.side) ctx.output(null as any')
    const err = await runInlineError(job, [{ k: 'a', ts: 1, side: true }])
    expect(err.code).toBe('JOB_THREW')
    expect(err.message).toContain('OutputTag must not be null.')
  })

  it('SO1: an OutputTag with an empty id is rejected when the job is built', async () => {
    const err = await runInlineError(scriptJob().replace("new OutputTag('side')", "new OutputTag('')"), [{ k: 'a', ts: 1 }])
    expect(err.message).toMatch(/OutputTag id must be a non-empty string/)
  })

  it('SO1: tags are equal iff their ids are: getSideOutput with another OutputTag("side") gets the records', async () => {
    const job = scriptJob({ after: ".getSideOutput(new OutputTag('side')).map((v: any) => ({ viaOtherTag: v.sideOf }))" })
    const r = await runInline(job, [{ k: 'a', ts: 1, side: true }, { k: 'b', ts: 2 }])
    expect(r.out).toEqual([{ value: { viaOtherTag: 'a' }, timestamp: 1 }])
  })

  it('SO2: side outputs carry the element\'s timestamp in processElement and the timer\'s in either onTimer', async () => {
    const r = await runInline(scriptJob({ onTimer: 'ctx.output(SIDE, { timer: t, domain: ctx.timeDomain() })' }),
      [{ k: 'a', ts: 7, side: true, reg: [20], regPt: [30] }, { k: 'a', ts: 100 }])
    expect(r.out.filter((l) => l.tag === 'side')).toEqual([
      { tag: 'side', value: { sideOf: 'a' }, timestamp: 7 },
      { tag: 'side', value: { timer: 30, domain: 'PROCESSING_TIME' }, timestamp: 30 },
      { tag: 'side', value: { timer: 20, domain: 'EVENT_TIME' }, timestamp: 20 },
    ])
  })

  it('SO3: main and side outputs are separate streams: the main output never holds side records', async () => {
    const main = scriptJob({ after: ".map((v: any) => ({ main: v.in ?? v.fired }))" })
    const side = scriptJob({ after: ".getSideOutput(SIDE).map((v: any) => ({ side: v.sideOf }))" })
    const lines = [{ k: 'a', ts: 1, side: true }, { k: 'b', ts: 2, side: true }]
    expect(mainValues(await runInline(main, lines))).toEqual([{ main: 'a' }, { main: 'b' }])
    expect(mainValues(await runInline(side, lines))).toEqual([{ side: 'a' }, { side: 'b' }])
  })

  it('--out of the returned process operator lists its side outputs tagged, in emission order', async () => {
    const r = await runInline(scriptJob(), [{ k: 'a', ts: 1, side: true }, { k: 'b', ts: 2 }])
    expect(r.raw).toBe(
      '{"value":{"in":"a","key":"a","ts":1,"wm":-9223372036854776000,"pt":1},"timestamp":1}\n' +
      '{"tag":"side","value":{"sideOf":"a"},"timestamp":1}\n' +
      '{"value":{"in":"b","key":"b","ts":2,"wm":0,"pt":2},"timestamp":2}\n')
  })
})

describe('keys (K5, composite and numeric keys)', () => {
  it('K5: a null key is rejected with "Assigned key must not be null!", naming the record', async () => {
    const err = await runInlineError(scriptJob({ key: 'e.k ?? null' }), [{ k: 'a', ts: 1 }, { ts: 2, id: 'nokey' }])
    expect(err.code).toBe('JOB_THREW')
    expect(err.message).toContain('Assigned key must not be null!')
    expect(err.input).toEqual({ line: 2, value: { ts: 2, id: 'nokey' } })
  })

  it('a key selector that returns no key, and a timestamp assigner that returns no number, name their job lines', async () => {
    // The engine raises these itself (the job's function returned, it did not throw), so the error's own stack has
    // no job frame: the line is where the job made the function (the app marks it; "The job threw" said nowhere).
    const lineOf = (src: string, needle: string): number => src.split('\n').findIndex((l) => l.includes(needle)) + 1
    const noKey = scriptJob({ key: 'e.userId' })
    const k = await runInlineError(noKey, [{ k: 'a', ts: 1 }])
    expect(k.message).toMatch(new RegExp(`^keyBy key selector threw TypeError: Assigned key must not be null!.* at .*job\\.ts:${lineOf(noKey, '.keyBy(')}:\\d+`))
    expect(k.where).toMatchObject({ line: lineOf(noKey, '.keyBy(') })
    const isoTs = scriptJob()
    const t = await runInlineError(isoTs, [{ k: 'a', ts: '2024-02-25T08:00:00Z' }])
    expect(t.message).toMatch(new RegExp(`^timestamp assigner threw TypeError: the timestamp assigner returned "2024-02-25T08:00:00Z".* at .*job\\.ts:${lineOf(isoTs, 'withTimestampAssigner(')}:\\d+`))
    expect(t.where).toMatchObject({ line: lineOf(isoTs, 'withTimestampAssigner(') })
  })

  it('a key that is not JSON data (NaN, a function) is the job\'s error, naming the record', async () => {
    for (const key of ['Number.NaN', '() => 1']) {
      const err = await runInlineError(scriptJob({ key }), [{ k: 'a', ts: 1 }])
      expect(err.code).toBe('JOB_THREW')
      expect(err.message).toContain('unusable key')
      expect(err.input?.line).toBe(1)
    }
  })

  it('numeric keys: 1 and "1" are different keys, and the key keeps its type', async () => {
    const r = await runInline(scriptJob(), [{ k: 1, ts: 1 }, { k: '1', ts: 2 }, { k: 1, ts: 3 }])
    expect((mainValues(r) as V[]).map((v) => v.key)).toEqual([1, '1', 1])
    expect(r.summary.keys).toBe(2)
  })

  it('composite (array) keys group by every field, with state per composite key', async () => {
    const job = `${RIFFLE}
class Count extends KeyedProcessFunction<any, any, any> {
  c: any
  open(rc: any) { this.c = rc.getState(new ValueStateDescriptor('c', Types.INT)) }
  processElement(e: any, ctx: any, out: any) {
    this.c.update((this.c.value() ?? 0) + 1)
    out.collect([ctx.getCurrentKey(), this.c.value()])
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => [e.u, e.n]).process(new Count())
`
    const r = await runInline(job, [{ u: 'a', n: 1 }, { u: 'a', n: 2 }, { u: 'a', n: 1 }, { u: 'b', n: 1 }])
    expect(mainValues(r)).toEqual([[['a', 1], 1], [['a', 2], 1], [['a', 1], 2], [['b', 1], 1]])
    expect(r.summary.keys).toBe(3)
  })
})
