// SharedWork: identical work in flight runs once for all callers; a caller that leaves is answered at once,
// and the work itself is aborted only when its last caller has left.
import { describe, expect, it } from 'vitest'
import { SharedWork } from '../../../src-main/service/shared-work'

function gate(): { work: (signal: AbortSignal) => Promise<string>; starts: number; open(v: string): void; aborted(): boolean } {
  let release: (v: string) => void = () => {}
  let signalSeen: AbortSignal | null = null
  const g = {
    starts: 0,
    work: (signal: AbortSignal) => { g.starts++; signalSeen = signal; return new Promise<string>((ok) => { release = ok }) },
    open: (v: string) => release(v),
    aborted: () => signalSeen?.aborted === true,
  }
  return g
}

describe('SharedWork', () => {
  it('callers of the same key share one run and its result; another key runs on its own', async () => {
    const shared = new SharedWork()
    const g = gate()
    const calls = Array.from({ length: 1000 }, () => shared.run('list', g.work))
    const other = shared.run('other', async () => 'o')
    expect(g.starts).toBe(1)
    g.open('r')
    expect(await Promise.all(calls)).toEqual(Array(1000).fill('r'))
    expect(await other).toBe('o')
    expect(shared.size).toBe(0)
  })

  it('a caller whose signal aborts is answered with an AbortError; the work goes on for the others', async () => {
    const shared = new SharedWork()
    const g = gate()
    const a = new AbortController()
    const left = shared.run('k', g.work, a.signal)
    const stays = shared.run('k', g.work)
    a.abort()
    await expect(left).rejects.toMatchObject({ name: 'AbortError' })
    expect(g.aborted()).toBe(false)
    g.open('done')
    expect(await stays).toBe('done')
  })

  it('the work is aborted when its last caller leaves, and a later call starts it afresh', async () => {
    const shared = new SharedWork()
    const g = gate()
    const a = new AbortController()
    const b = new AbortController()
    const p1 = shared.run('k', g.work, a.signal)
    const p2 = shared.run('k', g.work, b.signal)
    a.abort()
    b.abort()
    await expect(p1).rejects.toMatchObject({ name: 'AbortError' })
    await expect(p2).rejects.toMatchObject({ name: 'AbortError' })
    expect(g.aborted()).toBe(true)
    expect(shared.size).toBe(0)
    void shared.run('k', g.work)
    expect(g.starts).toBe(2)
  })

  it('a failure reaches every caller', async () => {
    const shared = new SharedWork()
    const boom = async (): Promise<never> => { await new Promise((r) => setTimeout(r, 5)); throw new Error('boom') }
    const all = await Promise.allSettled([shared.run('k', boom), shared.run('k', boom)])
    expect(all.map((r) => r.status)).toEqual(['rejected', 'rejected'])
  })
})
