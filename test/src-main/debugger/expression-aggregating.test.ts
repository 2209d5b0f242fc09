// An AggregatingState in a TypeScript debugger expression reads as the job's get() reads it, Flink's
// AggregatingState.get(): the aggregate function's result of the accumulator the key holds, by its state name (`avg`,
// `state.avg`) as through the field holding its handle (`this.avg.get()`). Before, the name gave the stored accumulator
// ({sum, n}) while `this.avg.get()` gave the result, so `avg > 2` compared an object. The key detail pane still shows the
// accumulator: that is what the state stores (and a savepoint holds).
import { describe, expect, it } from 'vitest'
import { RIFFLE, openInline } from '../helpers/run-inline'

const JOB = `${RIFFLE}
class Avg extends KeyedProcessFunction<string, any, number> {
  avg: any
  count: any
  open(ctx: any) {
    this.count = ctx.getState(new ValueStateDescriptor('count'))
    this.avg = ctx.getAggregatingState(new AggregatingStateDescriptor('avg', {
      createAccumulator: () => ({ sum: 0, n: 0 }),
      add: (v: number, acc: { sum: number; n: number }) => ({ sum: acc.sum + v, n: acc.n + 1 }),
      getResult: (acc: { sum: number; n: number }) => { if (acc.sum > 100) throw new Error('too big'); return acc.sum / acc.n },
    }))
  }
  processElement(e: any, ctx: any, out: any) {
    this.count.update((this.count.value() ?? 0) + 1)
    this.avg.add(e.n) // ADD
    out.collect(e.n)
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new Avg())
`
const LINE = JOB.split('\n').findIndex((l) => l.includes('// ADD')) + 1
const EVENTS = [{ k: 'a', n: 1 }, { k: 'a', n: 4 }, { k: 'b', n: 200 }]

describe('an AggregatingState in a TypeScript debugger expression', () => {
  it('reads by its name as its get() does: the aggregate\'s result, not the accumulator', async () => {
    const s = await openInline(JOB, EVENTS)
    try {
      const status = await s.setBreakpoints([
        { id: 'log', kind: 'line', line: LINE, log: '`${key} ${avg} ${this.avg.get()}`' },
        { id: 'cond', kind: 'line', line: LINE, condition: 'avg > 2' },
      ])
      expect(status).toEqual([{ id: 'log', ok: true }, { id: 'cond', ok: true }])
      const r = await s.step({ kind: 'continue' })
      expect(r.breakpointHit).toMatchObject({ id: 'cond', step: 2, keyStr: '"a"' })
      expect(r.breakpointHit?.error).toBeUndefined()
      expect((await s.logpointHits('log')).map((h) => h.value)).toEqual(['a 1 1', 'a 2.5 2.5'])
      const op = (await s.operators()).find((o) => o.keyed)!.id
      const w = await s.watch(op, '"a"', ['avg', 'state.avg', 'avg === this.avg.get()', 'count'])
      expect(w.map((v) => v.error ?? v.value)).toEqual([2.5, 2.5, true, 2])
      // The pane's view of the key is the stored accumulator.
      const detail = await s.keyState(op, '"a"')
      expect(detail?.states.find((st) => st.name === 'avg')?.entries[0].value).toEqual({ sum: 5, n: 2 })
    } finally {
      await s.close()
    }
  }, 60_000)

  it('a getResult that throws fails an expression reading that state, naming it, and no other', async () => {
    const s = await openInline(JOB, EVENTS)
    try {
      await s.step({ kind: 'end' })
      const op = (await s.operators()).find((o) => o.keyed)!.id
      const w = await s.watch(op, '"b"', ['count', 'avg', 'this.avg.get()'])
      expect(w[0]).toEqual({ expression: 'count', value: 1 })
      expect(w[1].error).toBe('Error: reading state "avg" (its aggregate function\'s result of the accumulator): Error: too big')
      expect(w[2].error).toBe(w[1].error)
    } finally {
      await s.close()
    }
  }, 60_000)
})
