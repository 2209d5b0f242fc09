// A TypeScript job's method that uses a #private member, called through `this` in a debugger expression
// (`this.isBig(3)`): the expression's `this` is a read-only copy of the job's object (expression-self.ts), and
// JavaScript gives no copy an object's #private members, so the call cannot run there. Before, it failed with V8's
// "Cannot read private member #limit from an object whose class did not declare it", which named no cause the user
// could see; now the error says why and what to do.
import { describe, expect, it } from 'vitest'
import { RIFFLE, openInline } from '../helpers/run-inline'

const JOB = `${RIFFLE}
class F extends KeyedProcessFunction<string, any, any> {
  #limit = 1
  plain = 1
  count: any
  open(ctx: any) { this.count = ctx.getState(new ValueStateDescriptor('count')) }
  isBig(n: number): boolean { return n > this.#limit }
  bump(): number { this.#limit = 5; return 5 }
  #secret(): number { return 7 }
  peek(): number { return this.#secret() }
  get limit(): number { return this.#limit }
  isPlainBig(n: number): boolean { return n > this.plain }
  processElement(e: any, ctx: any, out: any) {
    this.count.update((this.count.value() ?? 0) + 1)
    out.collect([e.k, this.isBig(this.count.value())])
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new F())
`

describe('a #private member through `this` in a TypeScript debugger expression', () => {
  it('is refused with a message saying why and what to do; a method without one runs', async () => {
    const s = await openInline(JOB, [{ k: 'a' }, { k: 'a' }])
    try {
      await s.step({ kind: 'end' })
      const op = (await s.operators()).find((o) => o.keyed)!.id
      const w = await s.watch(op, '"a"', ['this.isPlainBig(count)', 'this.isBig(3)', 'this.bump()', 'this.peek()', 'this.limit'])
      expect(w[0]).toEqual({ expression: 'this.isPlainBig(count)', value: true })
      const why = "a debugger expression's `this` is a read-only copy of the job's object (nothing it does changes the run), " +
        'and JavaScript gives no copy the #private members of an object'
      expect(w[1].error).toBe(`TypeError: this: the job's code read #limit, a #private member: ${why}; call no method that uses one in an ` +
        'expression, or make it a TypeScript `private` member (private limit), which the copy has')
      expect(w[2].error).toContain('the job\'s code wrote #limit, a #private member')
      expect(w[3].error).toContain('the job\'s code used a #private method or accessor:')
      expect(w[4].error).toContain('read #limit, a #private member')
    } finally {
      await s.close()
    }
  }, 60_000)
})
