// A TypeScript debugger expression reading `this` that changes the job some way the read-only `this` cannot refuse:
// a method of the job reaching the object through a module variable (`current = this` in open()), a write to the
// class's static field (`this.constructor.total = 7`) or to its prototype (`Object.getPrototypeOf(this).isBig = …`,
// which replaced the job's method for the rest of the run). Before, a watch did so and the run's outputs changed; now
// the change is undone after the call and is the expression's error (expression-guard.ts).
import { describe, expect, it } from 'vitest'
import { RIFFLE, openInline } from '../helpers/run-inline'
import { plainOutcome, runOutcome } from '../helpers/run-outcome'

const JOB = `${RIFFLE}
let current: any = null
class F extends KeyedProcessFunction<string, any, any> {
  static total = 0
  n = 0
  open(ctx: any) { current = this }
  isBig(x: number) { return x > 1 }
  viaModule() { current.n += 100; return current.n }
  readModule() { return current.n }
  processElement(e: any, ctx: any, out: any) { this.n++; out.collect([this.n, F.total, this.isBig(5)]) }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new F())
`
const EVENTS = [{ k: 'a' }, { k: 'a' }]

describe('a TypeScript debugger expression that changes the job around its read-only `this`', () => {
  it('is undone and refused, saying what it changed; the run goes on as without it', async () => {
    const expected = await plainOutcome(JOB, EVENTS, '"a"')
    const s = await openInline(JOB, EVENTS)
    try {
      await s.step({ kind: 'step' })
      const op = (await s.operators()).find((o) => o.keyed)!.id
      const w = await s.watch(op, '"a"', ['this.constructor.total = 7', 'Object.getPrototypeOf(this).isBig = () => false', 'this.viaModule()',
        'this.readModule()', 'this.isBig(5)'])
      const why = 'through a way the read-only `this` cannot see (a module variable holding the job\'s object, its class or prototype); ' +
        'the change is undone: a debugger expression only reads the job'
      expect(w.map((v) => v.error ?? v.value)).toEqual([
        `TypeError: the expression changed the job (F.total) ${why}`,
        `TypeError: the expression changed the job (F.prototype.isBig) ${why}`,
        `TypeError: the expression changed the job (this.n) ${why}`,
        1, true,
      ])
      await s.step({ kind: 'end' })
      expect(await runOutcome(s, '"a"')).toEqual(expected)
    } finally {
      await s.close()
    }
  }, 60_000)
})
