// A TypeScript breakpoint condition, log message or watch that reads `this`, as the job's own method does
// (`this.count.value() >= 2`): `this` is a read-only view of the job's function object, its state fields reading the
// expression's key's state as the by-name reads do (`this.lastKind.value()` is `last_kind`), its other fields their
// values. Before, such an expression was refused when set ("expression cannot use `this`"). A write through it is
// refused (when set, or at the hit for a method of the job that writes), and so is `this` where no keyed function is.
import { describe, expect, it } from 'vitest'
import { RIFFLE, openInline } from '../helpers/run-inline'

const JOB = `${RIFFLE}
class Count extends KeyedProcessFunction<string, { user: string; kind: string }, string> {
  count!: ValueState<number>
  last!: ValueState<string>
  lastKind!: ValueState<string>
  kinds!: ListState<string>
  perKind!: MapState<string, number>
  limit = 1
  config = { names: ['x'] }
  byName: Record<string, ListState<string>> = {}
  open(ctx: RuntimeContext) {
    this.count = ctx.getState(new ValueStateDescriptor<number>('count'))
    this.last = ctx.getState(new ValueStateDescriptor<string>('last'))
    this.lastKind = ctx.getState(new ValueStateDescriptor<string>('last_kind'))
    this.kinds = ctx.getListState(new ListStateDescriptor<string>('kinds'))
    this.perKind = ctx.getMapState(new MapStateDescriptor<string, number>('per_kind'))
    this.byName = { kinds: this.kinds }
  }
  isBig(n: number): boolean { return n > this.limit }
  bump(): number { return ++this.limit }
  processElement(e: { user: string; kind: string }, ctx: Context<string>, out: Collector<string>) {
    this.count.update((this.count.value() ?? 0) + 1)
    this.last.update(e.kind)
    this.lastKind.update(e.kind)
    this.kinds.add(e.kind)
    this.perKind.put(e.kind, (this.perKind.get(e.kind) ?? 0) + 1)
    out.collect(e.kind) // AFTER THE WRITES
  }
}
export default function job(env: StreamExecutionEnvironment) {
  return env.fromRecording<{ user: string; kind: string }>().keyBy((e) => e.user).process(new Count())
}
`.replace('MIN_TIMESTAMP, MAX_TIMESTAMP,', 'MIN_TIMESTAMP, MAX_TIMESTAMP, type ValueState, type ListState, type MapState, type RuntimeContext, type Context, type Collector, type StreamExecutionEnvironment,')
// A line after the step's writes: a line breakpoint's expressions read the state as its line starts to run.
const LINE = JOB.split('\n').findIndex((l) => l.includes('// AFTER THE WRITES')) + 1
const EVENTS = [{ user: 'a', kind: 'x' }, { user: 'b', kind: 'y' }, { user: 'a', kind: 'z' }]

describe('a TypeScript debugger expression reading `this`', () => {
  it('reads the key\'s state through the field that holds its handle, and other fields as they are', async () => {
    const s = await openInline(JOB, EVENTS)
    try {
      const status = await s.setBreakpoints([
        { id: 'state', kind: 'line', line: LINE, condition: 'this.count.value() >= 2' },
        { id: 'log', kind: 'line', line: LINE, log: '`${key}: ${this.lastKind.value()} ${this.isBig(3)} ${this.limit}`' },
      ])
      expect(status).toEqual([{ id: 'state', ok: true }, { id: 'log', ok: true }])
      // The condition runs after the step: key "a"'s count is 2 after its second event (step 3), as `count >= 2` says.
      const r = await s.step({ kind: 'continue' })
      expect(r.breakpointHit).toMatchObject({ id: 'state', step: 3, keyStr: '"a"' })
      expect(r.breakpointHit?.error).toBeUndefined()
      // The camel-case field holds the handle of the snake-case state: found by the handle, not by the name.
      expect((await s.logpointHits('log')).map((h) => h.value)).toEqual(['a: x true 1', 'b: y true 1', 'a: z true 1'])
      const w = await s.watch((await s.operators()).find((o) => o.keyed)!.id, '"a"', [
        'this.count.value() === count', 'this.lastKind.value() === last_kind', 'this.kinds.get()', 'this.perKind.get("x")',
        '[...this.perKind.keys()]', 'this.perKind.contains("q")', 'this.config.names', 'this.limit',
        'this.byName.kinds.get()', 'this.byName.kinds.clear()',
      ])
      expect(w.map((v) => v.error ?? v.value)).toEqual([true, true, ['x', 'z'], 1, ['x', 'z'], false, ['x'], 1, ['x', 'z'],
        'TypeError: this.byName.kinds.clear(…) (state "kinds"): a debugger expression only reads the job (it runs after the step, outside the job\'s methods); it cannot change a field or a state'])
    } finally {
      await s.close()
    }
  }, 60_000)

  it('refuses a write through `this`, and `this` where no keyed function is at work, saying why', async () => {
    const s = await openInline(JOB, EVENTS)
    try {
      const status = await s.setBreakpoints([
        { id: 'update', kind: 'line', line: LINE, condition: 'this.count.update(5) === undefined' },
        { id: 'assign', kind: 'line', line: LINE, condition: '(this.limit = 3) > 0' },
        { id: 'event', kind: 'event', expression: 'this.limit > 0' },
        { id: 'method', kind: 'line', line: LINE, condition: 'this.bump() > 5' },
      ])
      const by = Object.fromEntries(status.map((st) => [st.id, st]))
      expect(by.update.error).toBe('expression cannot change state: `this.count.update(…)` writes; a debugger expression only reads the job ' +
        '(`this.count` reads the key\'s state as it is after the step)')
      expect(by.assign.error).toBe('expression cannot change the job: `this.limit =` writes a field; a debugger expression only reads it')
      expect(by.event.error).toBe('expression cannot use `this`: an event breakpoint\'s predicate runs on the record before it reaches a key\'s call')
      expect(by.method).toEqual({ id: 'method', ok: true })
      // A method of the job that writes a field throws at the hit, and the job's field is unchanged.
      const r = await s.step({ kind: 'continue' })
      expect(r.breakpointHit?.id).toBe('method')
      expect(r.breakpointHit?.error).toMatch(/this\.limit = …: a debugger expression only reads the job/)
      const w = await s.watch((await s.operators()).find((o) => o.keyed)!.id, '"a"', ['this.limit', 'this.kinds.add("q")'])
      expect(w[0]).toEqual({ expression: 'this.limit', value: 1 })
      expect(w[1].error).toBe('expression cannot change state: `this.kinds.add(…)` writes; a debugger expression only reads the job ' +
        '(`this.kinds` reads the key\'s state as it is after the step)')
    } finally {
      await s.close()
    }
  }, 60_000)
})
