// An unwatched timer queue re-arms a key's deleted timer in place (timer-queue.ts): whatever the
// operations, it fires and dumps exactly what a watched queue (which always allocates) does.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TimerQueue } from '../../../../src-main/engine/time/timer-queue'

type Op = { kind: 'register' | 'delete'; key: number; ts: number } | { kind: 'poll'; upTo: number } | { kind: 'dump' }

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constantFrom('register' as const, 'delete' as const), key: fc.integer({ min: 0, max: 4 }), ts: fc.integer({ min: 0, max: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('poll' as const), upTo: fc.integer({ min: 0, max: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dump' as const) }) },
)

/** Runs the operations, returning everything observable: results, fired timers (with seq) and dumps. */
function trace(q: TimerQueue, ops: Op[]): unknown[] {
  const out: unknown[] = []
  for (const o of ops) {
    if (o.kind === 'poll') {
      const upTo = o.upTo
      for (let t = q.dueAt(upTo) ? q.poll() : undefined; t !== undefined; t = q.dueAt(upTo) ? q.poll() : undefined) out.push([t.keyStr, t.timestamp, t.seq])
    } else if (o.kind === 'dump') out.push(q.dump(), q.size)
    else if (o.kind === 'register') out.push(q.register(o.ts, `k${o.key}`, o.key))
    else out.push(q.delete(o.ts, `k${o.key}`))
  }
  for (let t = q.poll(); t !== undefined; t = q.poll()) out.push([t.keyStr, t.timestamp, t.seq])
  return out
}

describe('TimerQueue re-arming a deleted timer', () => {
  it('delete then a later register for the same key fires in (timestamp, registration) order', () => {
    const q = new TimerQueue()
    q.register(10, 'a', 'a')
    q.register(20, 'b', 'b')
    expect(q.delete(10, 'a')).toBe(true)
    expect(q.register(25, 'a', 'a')).toBe(true)
    q.register(25, 'c', 'c')
    const fired: string[] = []
    for (let t = q.poll(); t !== undefined; t = q.poll()) fired.push(`${t.keyStr}@${t.timestamp}`)
    expect(fired).toEqual(['b@20', 'a@25', 'c@25'])
  })

  it('re-armed at its old timestamp, it fires after the timers registered since', () => {
    const q = new TimerQueue()
    q.register(10, 'a', 'a')
    q.register(10, 'b', 'b')
    q.delete(10, 'a')
    q.register(10, 'a', 'a')
    expect([q.poll()!.keyStr, q.poll()!.keyStr]).toEqual(['b', 'a'])
  })

  it('an unwatched queue behaves exactly as a watched one on random operations', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
      const plain = new TimerQueue()
      const watched = new TimerQueue()
      watched.watcher = { added: () => {}, removed: () => {} }
      expect(trace(plain, ops)).toEqual(trace(watched, ops))
    }), { numRuns: 300 })
  })
})
