// DebugSession snapshot() / restore(): the whole run between steps, reader position
// included, restored into a fresh session or back into the same one, continues exactly as an
// uninterrupted run does.
import { describe, expect, it } from 'vitest'
import type { OutputView } from '../../../src-main/common/views'
import type { DebugSession } from '../../../src-main/debugger/debug-session'
import { openInline, RIFFLE, writeCase } from '../helpers/run-inline'
import { DebugSession as Session } from '../../../src-main/debugger/debug-session'

// Two keyed stages, event- and processing-time timers, state of several kinds and side outputs.
const job = `${RIFFLE}
const SIDE = new OutputTag<any>('side')
class Sess extends KeyedProcessFunction<any, any, any> {
  last: any; items: any; cnt: any
  open(rc: any) {
    this.last = rc.getState(new ValueStateDescriptor('last', Types.LONG))
    this.items = rc.getListState(new ListStateDescriptor('items', Types.STRING))
    this.cnt = rc.getReducingState(new ReducingStateDescriptor('cnt', (a: number, b: number) => a + b, Types.INT))
  }
  processElement(e: any, ctx: any, out: any) {
    const prev = this.last.value()
    if (prev !== null) ctx.timerService().deleteEventTimeTimer(prev + 1000)
    this.last.update(ctx.timestamp())
    this.items.add(e.what)
    this.cnt.add(1)
    ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 1000)
    if (e.what === 'buy') { ctx.timerService().registerProcessingTimeTimer(ctx.timestamp() + 300); ctx.output(SIDE, e) }
  }
  onTimer(t: number, ctx: any, out: any) {
    if (ctx.timeDomain() === TimeDomain.PROCESSING_TIME) { ctx.output(SIDE, { reminder: ctx.getCurrentKey(), t }); return }
    out.collect({ user: ctx.getCurrentKey(), items: [...this.items.get()], n: this.cnt.get(), end: t })
    this.last.clear(); this.items.clear(); this.cnt.clear()
  }
}
class Tally extends KeyedProcessFunction<any, any, any> {
  m: any
  open(rc: any) { this.m = rc.getMapState(new MapStateDescriptor('byN', Types.INT, Types.INT)) }
  processElement(s: any, ctx: any, out: any) {
    this.m.put(s.n, (this.m.get(s.n) ?? 0) + 1)
    out.collect({ n: s.n, sessions: this.m.get(s.n), user: s.user })
  }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(200)).withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.u).process(new Sess()).uid('sess')
  .keyBy((s: any) => 'all').process(new Tally()).uid('tally')
`

function recording(n: number): unknown[] {
  let x = 7
  const rnd = (): number => { x = (x * 1103515245 + 12345) % 2147483648; return x / 2147483648 }
  const lines: unknown[] = []
  for (let i = 0; i < n; i++) {
    lines.push({ u: `u${Math.floor(rnd() * 6)}`, ts: i * 150 + Math.floor(rnd() * 150), what: rnd() < 0.2 ? 'buy' : 'view' })
    if (i % 25 === 24) lines.push({ $watermark: i * 150 - 400 })
  }
  return lines
}

const sig = (o: OutputView): string => JSON.stringify([o.step, o.operatorId, o.tag, o.value, o.timestamp, o.keyStr, o.isJobOutput])

async function allOutputs(s: DebugSession): Promise<OutputView[]> {
  const p = await s.outputs(0, 1e9)
  return p.items
}

describe('snapshot and restore', () => {
  const lines = recording(120)

  it('a snapshot taken after any step, restored into a fresh session, continues exactly like the uninterrupted run', async () => {
    const c = writeCase(job, recording(30))
    const open = (): Promise<DebugSession> => Session.open({ jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', processingTime: 'follow', drainProcessingTimers: true, skipBadLines: false })
    const ref = await open()
    await ref.step({ kind: 'end' })
    const expected = (await allOutputs(ref)).map(sig)
    const total = (await ref.status()).step
    await ref.close()
    expect(expected.length).toBeGreaterThan(20)

    // Every step, including timer steps that fire before the record whose timestamp made them due.
    let timerBeforeRecord = 0
    for (let at = 1; at < total; at++) {
      const a = await open()
      for (let i = 0; i < at; i++) await a.step({ kind: 'step' })
      const before = (await allOutputs(a)).map(sig)
      if (!a.run.driver.isQuiescent()) timerBeforeRecord++
      const snap = JSON.parse(JSON.stringify(await a.snapshot())) // plain JSON, as it would be saved
      await a.close()
      const b = await open()
      await b.restore(snap)
      expect((await b.status()).step).toBe(at)
      await b.step({ kind: 'end' })
      const after = (await allOutputs(b)).map(sig)
      expect([...before, ...after], `snapshot after step ${at}`).toEqual(expected)
      expect((await b.status()).step).toBe(total)
      await b.close()
    }
    expect(timerBeforeRecord).toBeGreaterThan(0) // the recording does exercise the in-flight case
  })

  it('restoring an earlier snapshot into the same session goes back and replays identically', async () => {
    const s = await openInline(job, lines)
    try {
      for (let i = 0; i < 30; i++) await s.step({ kind: 'step' })
      const snap = await s.snapshot()
      const statusAt = await s.status()
      await s.step({ kind: 'end' })
      const first = (await allOutputs(s)).map(sig)
      const back = await s.restore(snap)
      expect(back).toEqual(statusAt)
      expect((await allOutputs(s)).length).toBe(snap.outputs)
      await s.step({ kind: 'end' })
      expect((await allOutputs(s)).map(sig)).toEqual(first)
    } finally {
      await s.close()
    }
  })

  it('a snapshot also works across reader batch boundaries (a long recording)', async () => {
    const long = recording(6000)
    const c = writeCase(job, long)
    const open = (): Promise<DebugSession> => Session.open({ jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', processingTime: 'follow', drainProcessingTimers: false, skipBadLines: false })
    const ref = await open()
    await ref.step({ kind: 'end' })
    const expected = (await allOutputs(ref)).map(sig)
    await ref.close()
    const a = await open()
    await a.step({ kind: 'end' }, 5000)
    const before = (await allOutputs(a)).map(sig)
    const snap = await a.snapshot()
    await a.close()
    const b = await open()
    await b.restore(snap)
    await b.step({ kind: 'end' })
    expect([...before, ...(await allOutputs(b)).map(sig)]).toEqual(expected)
    await b.close()
  })

  it('a LevelDB session snapshotted part-way and restored into a fresh LevelDB session continues identically', async () => {
    const c = writeCase(job, recording(60))
    const open = (): Promise<DebugSession> => Session.open({ jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'leveldb', processingTime: 'follow', drainProcessingTimers: true, skipBadLines: false })
    const ref = await open()
    await ref.step({ kind: 'end' })
    const expected = (await allOutputs(ref)).map(sig)
    const total = (await ref.status()).step
    await ref.close()
    for (const at of [5, Math.floor(total / 3), Math.floor((2 * total) / 3)]) {
      const a = await open()
      for (let i = 0; i < at; i++) await a.step({ kind: 'step' })
      const before = (await allOutputs(a)).map(sig)
      const snap = JSON.parse(JSON.stringify(await a.snapshot()))
      await a.close()
      const b = await open()
      await b.restore(snap)
      await b.step({ kind: 'end' })
      expect([...before, ...(await allOutputs(b)).map(sig)], `snapshot after step ${at}`).toEqual(expected)
      await b.close()
    }
  })

  it('a snapshot of another job graph is refused with SAVEPOINT_INVALID', async () => {
    const a = await openInline(job, lines)
    const snap = await a.snapshot()
    await a.close()
    const other = await openInline(`${RIFFLE}export default (env: any) => env.fromRecording().map((e: any) => e)\n`, lines)
    try {
      await expect(other.restore(snap)).rejects.toMatchObject({ code: 'SAVEPOINT_INVALID' })
    } finally {
      await other.close()
    }
  })
})
