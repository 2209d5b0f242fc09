// A step that calls in a loop (a flatMap-like processElement emitting thousands of records): its trace lists the
// first TRACE_LISTED calls and outputs and counts the rest by kind; a timer registered past the cut still names
// its registering line when it fires, and an output past it the line that emitted it.
import { describe, expect, it } from 'vitest'
import { openInline, RIFFLE } from '../../helpers/run-inline'
import { TRACE_LISTED } from '../../../../src-main/common/trace-api'

const job = `${RIFFLE}
class Burst extends KeyedProcessFunction<string, any, any> {
  processElement(e: any, ctx: any, out: any) {
    for (let i = 0; i < e.n; i++) out.collect(i) // LOOP
    ctx.timerService().registerEventTimeTimer(e.ts + 10) // REGISTER
  }
  onTimer(ts: number, ctx: any, out: any) { out.collect('fired') }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.k).process(new Burst())
`
const lineOf = (marker: string): number => job.split('\n').findIndex((l) => l.includes(marker)) + 1

describe('a step with more calls than a trace lists', () => {
  it('lists the first 1000 calls and outputs, counts the rest by kind; a timer registered and an output emitted past them name their lines', async () => {
    const s = await openInline(job, [{ k: 'a', ts: 1, n: 5000 }, { k: 'a', ts: 100, n: 1 }])
    try {
      await s.step({ kind: 'end' })
      const t = await s.trace(1)
      expect(TRACE_LISTED).toBe(1000)
      expect(t.entries).toHaveLength(1000)
      expect(t.entries.at(-1)).toMatchObject({ kind: 'output', value: 999, call: 'out.collect(999)', where: { line: lineOf('// LOOP') } })
      expect(t.outputs.map((o) => o.value)).toEqual(Array.from({ length: 1000 }, (_, i) => i))
      expect(t.notListed).toEqual({ entries: 4001, byKind: { output: 4000, timerRegister: 1 }, outputs: 4000 })
      // Lines past the cut still ran: the register's line is among the lines run.
      expect(t.lines).toContain(lineOf('// REGISTER'))
      // A step within the cut says nothing was left out.
      expect((await s.trace(2)).notListed).toBeUndefined()
      // The timer the first step registered (after its 5000 outputs) fires: its origin is that step and line.
      const fired = await s.trace(3)
      expect(fired.kind).toBe('timer')
      expect(fired.timerOrigin?.registered).toMatchObject({ step: 1, where: { line: lineOf('// REGISTER') } })
      // An output past the cut still names the line that emitted it (Why this output?).
      expect((await s.lineage(4500)).emittedAt).toMatchObject({ line: lineOf('// LOOP') })
    } finally {
      await s.close()
    }
  })
})
