// The copier behind time travel's job fields and a debugger expression's `this`: what it copies, and that copying
// never runs the job's code (a getter that counts its reads would change the run a snapshot was taken of).
import { describe, expect, it } from 'vitest'
import { COPY, ObjectCopier } from '../../../../src-main/engine/runtime/object-copy'

class Point { constructor(public x: number, public y: number) {} norm(): number { return Math.hypot(this.x, this.y) } }

describe('ObjectCopier', () => {
  it('copies an accessor as an accessor, without reading it, and its getter then runs on the copy', () => {
    const stats = { hits: 0, get next() { return ++this.hits } }
    const c = new ObjectCopier(() => COPY).copy({ stats }, 'this') as { stats: typeof stats }
    expect(stats.hits).toBe(0)
    expect(c.stats.next).toBe(1)
    expect(stats.hits).toBe(0)
    expect(c.stats.hits).toBe(1)
  })

  it('keeps prototypes, shared references, cycles and non-enumerable fields', () => {
    const p = new Point(3, 4)
    const o: Record<string, unknown> = { a: p, b: p, m: new Map([['k', p]]), s: new Set([1]) }
    o.self = o
    Object.defineProperty(o, 'hidden', { value: [1, 2], enumerable: false, writable: true, configurable: true })
    const c = new ObjectCopier(() => COPY).copy(o, 'this') as Record<string, unknown>
    expect(c).not.toBe(o)
    expect((c.a as Point).norm()).toBe(5)
    expect(c.a).not.toBe(p)
    expect(c.b).toBe(c.a)
    expect((c.m as Map<string, unknown>).get('k')).toBe(c.a)
    expect(c.self).toBe(c)
    expect(Object.getOwnPropertyDescriptor(c, 'hidden')).toMatchObject({ value: [1, 2], enumerable: false })
  })

  it('puts what `leave` gives in place of a value, and a getter hook in place of a getter', () => {
    const marker = {}
    const handle = { kind: 'state' }
    const o = { h: handle, get g() { return 1 } }
    const c = new ObjectCopier((v) => (v === handle ? marker : COPY), () => () => 'hooked').copy(o, 'this') as Record<string, unknown>
    expect(c.h).toBe(marker)
    expect(c.g).toBe('hooked')
  })
})
