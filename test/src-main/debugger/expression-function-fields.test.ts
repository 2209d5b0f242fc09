// A TypeScript job's field that holds a function, called through `this` in a debugger expression (a watch
// `this.bump()`): the expression's `this` is a read-only copy of the job's object (expression-self.ts), but an arrow
// function field (`bump = () => { this.count++ }`), a function bound with .bind(this), a closure over the instance or
// a state handle (`const self = this; this.inc = () => self.count++`) and a getter defined on the instance ran against
// the REAL object, so a watch changed the run. Now such a call is refused, saying why and what to do, and a function
// field that uses only its arguments (`fmt = (x) => x.toFixed(2)`) still runs: the job's outputs and state after a
// step are the same with and without the watches.
import { describe, expect, it } from 'vitest'
import { RIFFLE, openInline } from '../helpers/run-inline'
import { plainOutcome, runOutcome } from '../helpers/run-outcome'

const JOB = `${RIFFLE}
class F extends KeyedProcessFunction<string, any, any> {
  count = 0
  seen: string[] = []
  total: any
  boundInc: any
  viaSelf: any
  viaHandle: any
  stats = { hits: 0, get next() { return ++this.hits } }
  helpers = { twice: (x: number) => x * 2, half(x: number) { return x / 2 }, all: new Set([{ n: 1 }]) }
  describe = (n: string) => new ValueStateDescriptor(n)
  bump = () => { this.count++; return this.count }
  handler = (e: string) => this.seen.push(e)
  fmt = (x: number) => x.toFixed(2)
  sum = (xs: number[]) => { let t = 0; for (const x of xs) t += x; return t }
  shout = function (s: string) { return s.toUpperCase() + '!' }
  open(ctx: any) {
    this.total = ctx.getState(new ValueStateDescriptor('total'))
    this.boundInc = this.inc.bind(this)
    const self = this
    this.viaSelf = () => { self.count += 10; return self.count }
    const h = this.total
    this.viaHandle = () => { h.update(99); return 99 }
    Object.defineProperty(this, 'ticks', { get: () => ++this.count, enumerable: true })
    Object.defineProperty(this, 'peek', { get() { return this.count }, enumerable: false })
  }
  inc() { return ++this.count }
  processElement(e: any, ctx: any, out: any) {
    this.total.update((this.total.value() ?? 0) + 1)
    out.collect([e.k, this.count, this.seen.length, this.stats.hits, this.total.value()])
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new F())
`
const EVENTS = [{ k: 'a' }, { k: 'a' }, { k: 'b' }]


describe('a function held in a field, called through `this` in a TypeScript debugger expression', () => {
  it('cannot change the run: one that would reach the job\'s own object is refused, a pure helper runs', async () => {
    const expected = await plainOutcome(JOB, EVENTS, '"a"')
    const s = await openInline(JOB, EVENTS)
    try {
      await s.step({ kind: 'step' })
      const op = (await s.operators()).find((o) => o.keyed)!.id
      const exprs = ['this.bump()', 'this.handler("x")', 'this.boundInc()', 'this.viaSelf()', 'this.viaHandle()', 'this.ticks',
        'this.stats.next', 'this.fmt(3)', 'this.shout("hi")', 'this.helpers.twice(4)', 'this.peek', 'this.count',
        '[...this.helpers.all][0].n', 'this.helpers.half(8)', 'this.describe("x")', 'this.sum([1, 2, 3])']
      const w = await s.watch(op, '"a"', exprs)
      const by = Object.fromEntries(w.map((v) => [v.expression, v.error ?? v.value]))
      expect(by['this.fmt(3)']).toBe('3.00')
      expect(by['this.shout("hi")']).toBe('HI!')
      expect(by['this.helpers.twice(4)']).toBe(8)
      // A pure helper with a loop: the watchdog's loop guard in its compiled code is no variable of the job's.
      expect(by['this.sum([1, 2, 3])']).toBe(6)
      expect(by['this.count']).toBe(0)
      expect(by['this.peek']).toBe(0)
      expect(by['[...this.helpers.all][0].n']).toBe(1)
      expect(by['this.helpers.half(8)']).toBe(4)
      expect(by['this.describe("x")']).toContain('this.describe uses what it imports from `riffle`, a variable of the job\'s code')
      expect(by['this.bump()']).toBe('TypeError: this.bump is an arrow function that uses `this`: an arrow function\'s `this` is the job\'s ' +
        'own object, not the expression\'s read-only copy, so calling it could change the run; make it a method of the class ' +
        '(bump(…) { … }), which runs on the copy')
      expect(by['this.handler("x")']).toContain('this.handler is an arrow function that uses `this`')
      expect(by['this.boundInc()']).toBe('TypeError: this.boundInc is a bound function (made with .bind): it runs on the object it was ' +
        'bound to, often the job\'s own object, which an expression cannot see or protect, so calling it could change the run; make it a ' +
        'method of the class (boundInc(…) { … }) and call that')
      expect(by['this.viaSelf()']).toBe('TypeError: this.viaSelf uses `self`, a variable of the job\'s code around the function (it may hold ' +
        'the job\'s own object or a state handle), which a debugger expression does not give it, so that calling it cannot change the run; ' +
        'make it a method of the class (viaSelf(…) { … }), which reads the job through `this`')
      expect(by['this.viaHandle()']).toContain('this.viaHandle uses `h`, a variable of the job\'s code around the function')
      expect(by['this.ticks']).toContain('this.ticks (a getter) is an arrow function that uses `this`')
      // A getter of a field's object runs on the copy (as a method does), not on the job's object.
      expect(by['this.stats.next']).toBe(1)
      await s.step({ kind: 'end' })
      expect(await runOutcome(s, '"a"')).toEqual(expected)
    } finally {
      await s.close()
    }
  }, 60_000)
})
