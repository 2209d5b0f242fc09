// What the job emits is checked like a state value (docs/job-api.md, json-data.ts: one rule): a value that
// is not JSON data stops the run with JOB_THREW at the job's line, instead of `{"value":undefined}`,
// `{}` for a Map or `null` for NaN in --out. What is emitted is a copy: mutating it later changes nothing.
import { describe, expect, it } from 'vitest'
import { mainValues, RIFFLE, runInline, runInlineError } from '../../helpers/run-inline'

/** Line 9 of the job calls `emit` with the expression given. */
const emitting = (expr: string, emit = 'out.collect'): string => `${RIFFLE}const LATE = new OutputTag<any>('late')
class E extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) {
    ${emit}(${expr})
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new E())
`

describe('out.collect and ctx.output take JSON data only', () => {
  it.each([
    ['() => 1', 'out.collect(value) is a function'],
    ['undefined', 'out.collect(value) is undefined'],
    ['new Map([[1, 2]])', 'out.collect(value) is a Map (a class instance, not a plain object); store an array or a plain object'],
    ['NaN', 'out.collect(value) is NaN (not a finite number)'],
    ['{ a: [1, { b: Infinity }] }', 'out.collect(value).a[1].b is Infinity (not a finite number)'],
    ['new Date(0)', 'out.collect(value) is a Date'],
    ['10n', 'out.collect(value) is a bigint (10n)'],
  ])('out.collect(%s): JOB_THREW at the job\'s line', async (expr, message) => {
    const err = await runInlineError(emitting(expr), [{ k: 'a' }])
    expect(err.code).toBe('JOB_THREW')
    expect(err.message).toContain(message)
    expect(err.message).toContain('outputs must be JSON data')
    expect(err.where?.line).toBe(9)
  })

  it('ctx.output(tag, value) too, naming the tag', async () => {
    const err = await runInlineError(emitting('LATE, new Set([1])', 'ctx.output'), [{ k: 'a' }])
    expect(err.code).toBe('JOB_THREW')
    expect(err.message).toContain('ctx.output("late", value) is a Set')
    expect(err.where?.line).toBe(9)
  })

  it('a cycle is reported, not a stack overflow', async () => {
    const err = await runInlineError(emitting('(() => { const o: any = {}; o.self = o; return o })()'), [{ k: 'a' }])
    expect(err.code).toBe('JOB_THREW')
    expect(err.message).toContain('nested more than 500 levels deep (a cycle?)')
  })

  it('map and flatMap results are checked too, and blamed on that function rather than an earlier line', async () => {
    const job = `${RIFFLE}class P extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) { out.collect(e) }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new P()).map((e: any) => e.missing)
`
    const err = await runInlineError(job, [{ k: 'a' }])
    expect(err.code).toBe('JOB_THREW')
    expect(err.message).toMatch(/^map threw TypeError: the value the map function returned is undefined; outputs must be JSON data/)
    expect(err.where).toBeUndefined()
    const flat = await runInlineError(`${RIFFLE}export default (env: any) => env.fromRecording().flatMap((e: any) => [e, () => 0])\n`, [{ k: 'a' }])
    expect(flat.message).toMatch(/^flatMap threw TypeError: a value the flatMap function returned is a function/)
  })

  it('a bad member of a map result is named as a member of it, not glued to the words ("returned.f")', async () => {
    const err = await runInlineError(`${RIFFLE}export default (env: any) => env.fromRecording().map((e: any) => ({ a: [1, { f: () => 0 }] }))\n`, [{ k: 'a' }])
    expect(err.message).toMatch(/^map threw TypeError: a\[1\]\.f of the value the map function returned is a function; outputs must be JSON data/)
    const flat = await runInlineError(`${RIFFLE}export default (env: any) => env.fromRecording().flatMap((e: any) => [[NaN]])\n`, [{ k: 'a' }])
    expect(flat.message).toMatch(/^flatMap threw TypeError: \[0\] of a value the flatMap function returned is NaN/)
  })
})

describe('emitted values are JSON data, as emitted', () => {
  it('an object changed after it was emitted is output as it was; members that are undefined are left out, -0 is 0', async () => {
    const job = `${RIFFLE}class M extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) {
    const o: any = { n: 1, gone: undefined, z: -0, list: [1] }
    out.collect(o)
    o.n = 2
    o.list.push(2)
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new M())
`
    const r = await runInline(job, [{ k: 'a' }])
    expect(r.raw).toBe('{"value":{"n":1,"z":0,"list":[1]},"timestamp":null}\n')
    expect(mainValues(r)).toEqual([{ n: 1, z: 0, list: [1] }])
  })
})
