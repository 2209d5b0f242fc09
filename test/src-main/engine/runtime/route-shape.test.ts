// Which key selectors and timestamp assigners the line router may read for the job (route-shape.ts):
// one property of the record, and nothing else.
import { describe, expect, it } from 'vitest'
import { plainPropertyRead } from '../../../../src-main/engine/runtime/route-shape'

describe('plainPropertyRead', () => {
  it('names the property of a plain read, in the shapes TypeScript compiles to', () => {
    expect(plainPropertyRead((e: { user_id: string }) => e.user_id)).toBe('user_id')
    expect(plainPropertyRead((e: Record<string, unknown>) => e['event id'])).toBe('event id')
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    expect(plainPropertyRead(new Function('x', 'return x.ts'))).toBe('ts')
    expect(plainPropertyRead(eval('(function (e) { return e.ts })'))).toBe('ts')
    expect(plainPropertyRead(eval('(e => e["ts"])'))).toBe('ts')
    expect(plainPropertyRead(eval("((e) => { return e['ts']; })"))).toBe('ts')
  })

  it('refuses anything more than one read of the parameter', () => {
    for (const src of [
      '((e) => e.user.id)', '((e) => e.ts + 1)', '((e, p) => e.ts)', '((e) => other.ts)', '((e) => e[k])',
      '((e) => String(e.id))', '((e) => e.__proto__)', '((e) => e?.ts)', '((e) => { log(e); return e.ts })', '(() => 1)',
    ]) expect(plainPropertyRead(eval(src)), src).toBe(null)
    expect(plainPropertyRead('e => e.ts')).toBe(null)
  })
})
