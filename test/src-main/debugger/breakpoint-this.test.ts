// A TypeScript breakpoint condition (or log message, or watch) that reads `this`, as the job's own method does
// (`this.count.value() >= 2`): it runs after the step, outside the job's methods, so it has no `this`. Before, it
// threw "Cannot read properties of undefined" at every run of the line, or (`this.limit > 3`) was silently false
// and never hit. It is refused when set, saying why and naming the state names it can use.
import { describe, expect, it } from 'vitest'
import { RIFFLE, openInline } from '../helpers/run-inline'

const JOB = `${RIFFLE}
class Count extends KeyedProcessFunction<string, { user: string; kind: string }, string> {
  count!: ValueState<number>
  last!: ValueState<string>
  lastKind!: ValueState<string>
  limit = 1
  open(ctx: RuntimeContext) {
    this.count = ctx.getState(new ValueStateDescriptor<number>('count'))
    this.last = ctx.getState(new ValueStateDescriptor<string>('last'))
    this.lastKind = ctx.getState(new ValueStateDescriptor<string>('last_kind'))
  }
  processElement(e: { user: string; kind: string }, ctx: Context<string>, out: Collector<string>) {
    this.count.update((this.count.value() ?? 0) + 1) // COUNT
    this.last.update(e.kind)
    this.lastKind.update(e.kind)
    out.collect(e.kind)
  }
}
export default function job(env: StreamExecutionEnvironment) {
  return env.fromRecording<{ user: string; kind: string }>().keyBy((e) => e.user).process(new Count())
}
`.replace('MIN_TIMESTAMP, MAX_TIMESTAMP,', 'MIN_TIMESTAMP, MAX_TIMESTAMP, type ValueState, type RuntimeContext, type Context, type Collector, type StreamExecutionEnvironment,')
const LINE = JOB.split('\n').findIndex((l) => l.includes('// COUNT')) + 1
const EVENTS = [{ user: 'a', kind: 'x' }, { user: 'a', kind: 'y' }, { user: 'a', kind: 'z' }]

describe('a TypeScript breakpoint expression reading `this`', () => {
  it('is refused when set, saying it has no `this` and naming the state names (a field of the function, a state through its field)', async () => {
    const s = await openInline(JOB, EVENTS)
    try {
      const status = await s.setBreakpoints([
        { id: 'state', kind: 'line', line: LINE, condition: 'this.count.value() >= 2' },
        { id: 'field', kind: 'line', line: LINE, condition: 'this.limit > 0' },
        { id: 'log', kind: 'line', line: LINE, log: '`${this.last.value()}`' },
        { id: 'camel', kind: 'state', expression: 'this.lastKind.value() === "x"' },
        { id: 'fine', kind: 'line', line: LINE, condition: 'count >= 2 && [1].map(function (this: unknown) { return this }).length === 1' },
      ])
      const by = Object.fromEntries(status.map((st) => [st.id, st]))
      expect(by.state).toEqual({ id: 'state', ok: false, error: expect.stringMatching(/^expression cannot use `this`/) })
      expect(by.state.error).toContain('count, last, last_kind')
      expect(by.state.error).toContain('`this.count.value()` is `count`')
      expect(by.state.error).toBe('expression cannot use `this`: it runs after the step, outside the job\'s methods; it reads event, key and ' +
        'each state by its name (count, last, last_kind): `this.count.value()` is `count`')
      expect(by.field.ok).toBe(false)
      expect(by.log.ok).toBe(false)
      // A field named in camel case for a snake-case state: pointed at that state.
      expect(by.camel.error).toMatch(/`this\.lastKind\.value\(\)` is `last_kind`$/)
      expect(by.fine).toEqual({ id: 'fine', ok: true })
      // The refused ones never stop the run; the fine one stops at the second event.
      const r = await s.step({ kind: 'continue' })
      expect(r.breakpointHit).toMatchObject({ id: 'fine', step: 2 })
      expect(r.breakpointHit?.error).toBeUndefined()
    } finally {
      await s.close()
    }
  }, 60_000)
})
