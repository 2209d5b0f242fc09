// Breakpoints and logpoints: each kind stops `continue` at the first step it should, checked
// against an oracle computed from a plain step-by-step run; logpoints record without stopping and are
// filled in by a re-run when added late; expression errors are reported, not thrown.
import { describe, expect, it } from 'vitest'
import type { StepView } from '../../../src-main/common/views'
import type { DebugSession } from '../../../src-main/debugger/debug-session'
import { makeCase } from './time-travel-job'

const c = makeCase(300)

/** Every step of the run with the sess operator's watermark before it. */
async function oracle(): Promise<Array<{ v: StepView; wmBefore: number }>> {
  const s = await c.open()
  const out: Array<{ v: StepView; wmBefore: number }> = []
  for (;;) {
    const wmBefore = (await s.operators()).find((o) => o.id === 'sess')!.watermark
    const r = await s.step({ kind: 'step' })
    if (r.taken === 0) break
    out.push({ v: r.steps[0], wmBefore })
  }
  await s.close()
  return out
}
const steps = await oracle()

async function withSession(f: (s: DebugSession) => Promise<void>): Promise<void> {
  const s = await c.open()
  try { await f(s) } finally { await s.close() }
}

const value = (v: StepView): { u: string; ts: number; what: string } => v.input!.value as { u: string; ts: number; what: string }

describe('breakpoints', () => {
  it('a key breakpoint stops at each step that delivers to, fires a timer of or writes the key', async () => {
    const expected = steps.filter(({ v }) => v.touchedKeys.includes('"u2"') || (v.kind === 'record' && value(v).u === 'u2')).map(({ v }) => v.step)
    expect(expected.length).toBeGreaterThan(4)
    await withSession(async (s) => {
      expect(await s.setBreakpoints([{ id: 'k', kind: 'key', keyStr: '"u2"', operatorId: 'sess' }])).toEqual([{ id: 'k', ok: true }])
      for (const step of expected.slice(0, 4)) {
        const r = await s.step({ kind: 'continue' })
        expect(r.breakpointHit).toMatchObject({ id: 'k', kind: 'key', step, keyStr: '"u2"' })
        expect(r.status.step).toBe(step)
      }
    })
  })

  it('an event predicate (TypeScript) stops at the records it is true for', async () => {
    const expected = steps.filter(({ v }) => v.kind === 'record' && value(v).what === 'buy' && value(v).u === 'u1').map(({ v }) => v.step)
    expect(expected.length).toBeGreaterThan(2)
    await withSession(async (s) => {
      await s.setBreakpoints([{ id: 'e', kind: 'event', expression: "(event as { what: string }).what === 'buy' && (event as any).u === 'u1'" }])
      for (const step of expected.slice(0, 3)) expect((await s.step({ kind: 'continue' })).breakpointHit?.step).toBe(step)
    })
  })

  // The hit banner said "event at line 9": beside the editor, whose lines every other "line N" names, that read as
  // the job's line 9 (a class header), not the event's line in the recording.
  it('an event predicate\'s hit names the event\'s recording line as such', async () => {
    const first = steps.find(({ v }) => v.kind === 'record' && value(v).what === 'buy')!.v
    await withSession(async (s) => {
      await s.setBreakpoints([{ id: 'e', kind: 'event', expression: "(event as { what: string }).what === 'buy'" }])
      expect((await s.step({ kind: 'continue' })).breakpointHit?.detail).toBe(`event at recording line ${first.input!.line}`)
    })
  })

  it('a timer breakpoint stops at firings of its domain and key', async () => {
    const expected = steps.filter(({ v }) => v.kind === 'timer' && v.timer!.domain === 'PROCESSING_TIME' && v.timer!.keyStr === '"u3"').map(({ v }) => v.step)
    expect(expected.length).toBeGreaterThan(0)
    await withSession(async (s) => {
      await s.setBreakpoints([{ id: 't', kind: 'timer', domain: 'PROCESSING_TIME', keyStr: '"u3"' }])
      const r = await s.step({ kind: 'continue' })
      expect(r.breakpointHit).toMatchObject({ step: expected[0], keyStr: '"u3"' })
      expect(r.steps.at(-1)!.timer).toMatchObject({ domain: 'PROCESSING_TIME', keyStr: '"u3"' })
    })
  })

  it('an output breakpoint with a tag stops only at side outputs of that tag', async () => {
    const expected = steps.filter(({ v }) => v.outputs.some((o) => o.tag === 'side')).map(({ v }) => v.step)
    await withSession(async (s) => {
      await s.setBreakpoints([{ id: 'o', kind: 'output', tag: 'side' }])
      expect((await s.step({ kind: 'continue' })).breakpointHit?.step).toBe(expected[0])
      expect((await s.step({ kind: 'continue' })).breakpointHit?.step).toBe(expected[1])
    })
  })

  it('a late-event breakpoint stops at records whose timestamp is <= the keyed operator watermark', async () => {
    const late = steps.filter(({ v, wmBefore }) => v.kind === 'record' && value(v).ts <= wmBefore)
    expect(late.length).toBeGreaterThan(1)
    await withSession(async (s) => {
      await s.setBreakpoints([{ id: 'l', kind: 'late', operatorId: 'sess' }])
      for (const { v, wmBefore } of late.slice(0, 2)) {
        const hit = (await s.step({ kind: 'continue' })).breakpointHit!
        expect(hit.step).toBe(v.step)
        expect(hit.detail).toBe(`late event: timestamp ${value(v).ts} <= watermark ${wmBefore} of sess`)
      }
    })
  })

  it('a TTL-expiry breakpoint stops where a read finds the TTL value expired (U1, CL1)', async () => {
    await withSession(async (s) => {
      await s.setBreakpoints([{ id: 'x', kind: 'ttlExpiry', stateName: 'seen' }])
      const r = await s.step({ kind: 'continue' })
      const hit = r.breakpointHit!
      expect(hit).toMatchObject({ kind: 'ttlExpiry', detail: 'expired value of state "seen"' })
      const now = r.status.processingTime
      // The stored stamp before the step was at least the TTL (2000 ms) old by this step's clock.
      await s.seek(hit.step - 1)
      const before = (await s.keyState('sess', hit.keyStr!))!.states.find((x) => x.name === 'seen')!.entries[0]
      expect(before.ttl!.lastAccess + 2000).toBeLessThanOrEqual(now)
      // Found by the record's own read (CL1: dropped, then the key counts from 1 again) or by the
      // incremental cleanup (CL3) visiting another key (dropped, absent after the step).
      const v = steps[hit.step - 1].v
      expect(v.kind).toBe('record')
      await s.seek(hit.step)
      const after = (await s.keyState('sess', hit.keyStr!))!.states.find((x) => x.name === 'seen')!.entries[0]
      if (hit.keyStr === JSON.stringify(value(v).u)) expect(after.value).toBe(1)
      else expect(after).toBeUndefined()
    })
  })

  it('a state predicate stops at the first step after which a touched key satisfies it ("count > 3")', async () => {
    await withSession(async (s) => {
      await s.setBreakpoints([{ id: 's', kind: 'state', operatorId: 'sess', expression: 'count > 3' }])
      const hit = (await s.step({ kind: 'continue' })).breakpointHit!
      const st = (await s.keyState('sess', hit.keyStr!))!.states.find((x) => x.name === 'count')!
      expect(st.entries[0].value).toBe(4)
      await s.seek(hit.step - 1)
      const keys = (await s.keys({ offset: 0, limit: 100, operatorId: 'sess' })).items
      for (const k of keys) {
        const cnt = (await s.keyState('sess', k.keyStr))!.states.find((x) => x.name === 'count')!.entries[0]?.value as number | undefined
        expect(cnt ?? 0).toBeLessThanOrEqual(3)
      }
    })
  })

  it('breakpoints stop at the same steps after seeking back, past hits, and after history and timeline re-runs', async () => {
    const late = steps.filter(({ v, wmBefore }) => v.kind === 'record' && value(v).ts <= wmBefore).map(({ v }) => v.step)
    expect(late.length).toBeGreaterThan(2)
    await withSession(async (s) => {
      await s.setBreakpoints([{ id: 'l', kind: 'late' }])
      expect((await s.step({ kind: 'continue' })).breakpointHit?.step).toBe(late[0])
      await s.step({ kind: 'end' })
      await s.seek(0)
      expect((await s.step({ kind: 'continue' })).breakpointHit?.step).toBe(late[0])
      await s.seek(late[1] + 1)
      expect((await s.step({ kind: 'continue' })).breakpointHit?.step).toBe(late[2])
      await s.keyTimeline('sess', '"u1"')
      await s.keyHistory('sess', '"u2"')
      expect((await s.step({ kind: 'continue' })).breakpointHit?.step).toBe(late[3] ?? undefined)
    })
  })

  it('a disabled breakpoint does not stop; without a hit, continue runs to the end', async () => {
    await withSession(async (s) => {
      await s.setBreakpoints([{ id: 'o', kind: 'output', enabled: false }])
      const r = await s.step({ kind: 'continue' })
      expect(r.breakpointHit).toBeUndefined()
      expect(r.status.finished).toBe(true)
    })
  })
})

describe('logpoints', () => {
  it('a logpoint records its expression at every hit and never stops', async () => {
    const expected = steps.flatMap(({ v }) => v.outputs.filter((o) => o.operatorId === 'sess' && o.tag === null).map((o) => ({ step: v.step, n: (o.value as { n: number }).n })))
    expect(expected.length).toBeGreaterThan(3)
    await withSession(async (s) => {
      await s.setBreakpoints([{ id: 'lp', kind: 'output', operatorId: 'sess', tag: null, log: '`n=${(output as any).n}`' }])
      const r = await s.step({ kind: 'continue' })
      expect(r.status.finished).toBe(true)
      expect((await s.logpointHits('lp')).map((h) => [h.step, h.value])).toEqual(expected.map((e) => [e.step, `n=${e.n}`]))
    })
  })

  it('a logpoint added after a run is filled in by a re-run, and the session stays where it was', async () => {
    await withSession(async (s) => {
      await s.step({ kind: 'end' }, 200)
      const before = await s.status()
      const keysBefore = await s.keyState('sess', '"u1"')
      await s.setBreakpoints([{ id: 'lp', kind: 'event', expression: "event.what === 'buy'", log: 'event.u' }])
      const hits = await s.logpointHits('lp')
      const expected = steps.filter(({ v }) => v.step <= 200 && v.kind === 'record' && value(v).what === 'buy').map(({ v }) => [v.step, value(v).u])
      expect(hits.map((h) => [h.step, h.value])).toEqual(expected)
      expect(await s.status()).toEqual(before)
      expect(await s.keyState('sess', '"u1"')).toEqual(keysBefore)
    })
  })

  it('an expression that throws is reported with the hit; one that does not compile is refused', async () => {
    await withSession(async (s) => {
      const st = await s.setBreakpoints([
        { id: 'bad', kind: 'event', expression: 'event.what ===' },
        { id: 'throws', kind: 'event', expression: '(event as any).nope.deeper' },
      ])
      expect(st[0]).toMatchObject({ id: 'bad', ok: false })
      expect(st[0].error).toMatch(/does not compile/)
      expect(st[1]).toEqual({ id: 'throws', ok: true })
      const r = await s.step({ kind: 'continue' })
      expect(r.breakpointHit).toMatchObject({ id: 'throws', step: 1 })
      expect(r.breakpointHit!.error).toMatch(/Cannot read properties of undefined/)
    })
  })
})
