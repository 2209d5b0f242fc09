// Key history, lineage and the per-key timeline: answers re-derived by re-execution must
// match what a step-by-step run with change tracking saw, and leave the session where it was.
import { describe, expect, it } from 'vitest'
import type { StepView } from '../../../src-main/common/views'
import { spanOf } from '../../../src-main/debugger/session-insights'
import { makeCase } from './time-travel-job'

const c = makeCase(250)
const steps: StepView[] = []
{
  const s = await c.open()
  for (;;) {
    const r = await s.step({ kind: 'step' })
    if (r.taken === 0) break
    steps.push(r.steps[0])
  }
  await s.close()
}

describe('key history', () => {
  it('lists every step that changed the key, with the same before/after as stepping, and the state after', async () => {
    const s = await c.open({ minInterval: 40, maxInterval: 40 })
    try {
      await s.step({ kind: 'end' }, 300)
      const status = await s.status()
      const h = await s.keyHistory('sess', '"u4"')
      const expected = steps.filter((v) => v.step <= 300)
        .map((v) => ({ step: v.step, changes: v.changes.filter((x) => x.operatorId === 'sess' && x.keyStr === '"u4"') }))
        .filter((e) => e.changes.length > 0)
      expect(expected.length).toBeGreaterThan(10)
      expect(h.entries.map((e) => ({ step: e.step, changes: e.changes }))).toEqual(expected)
      // stateAfter of the last entry is the key's raw state now (nothing changed it since).
      const last = h.entries.at(-1)!
      const now = (await s.keyState('sess', '"u4"'))!.states
      for (const st of now) {
        if (st.entries.length === 0) expect(last.stateAfter[st.name]).toBeUndefined()
        else expect(last.stateAfter[st.name]).toBeDefined()
      }
      expect(await s.status()).toEqual(status)
    } finally {
      await s.close()
    }
  })

  it('an unknown key has an empty history; an unknown operator is BAD_ARGUMENT', async () => {
    const s = await c.open()
    try {
      await s.step({ kind: 'end' }, 20)
      expect((await s.keyHistory('sess', '"nobody"')).entries).toEqual([])
      await expect(s.keyHistory('nope', '"u1"')).rejects.toMatchObject({ code: 'BAD_ARGUMENT' })
    } finally {
      await s.close()
    }
  })
})

describe('lineage', () => {
  it('links an output to the timer firing that produced it, with the state it read and wrote', async () => {
    const s = await c.open({ minInterval: 30, maxInterval: 30 })
    try {
      await s.step({ kind: 'end' })
      const status = await s.status()
      const out = (await s.outputs(0, 1e9)).items.find((o) => o.operatorId === 'sess' && o.tag === null)!
      const l = await s.lineage(out.seq)
      const v = steps[out.step - 1]
      expect(l.step).toBe(out.step)
      expect(l.kind).toBe('timer')
      expect(l.timer).toEqual(v.timer)
      expect(l.writes).toEqual(v.changes.map((x) => ({ operatorId: x.operatorId, stateName: x.stateName, keyStr: x.keyStr, before: x.before, after: x.after })))
      // onTimer reads last, items and count of the firing key (in that order) before clearing them; the
      // session it emits reaches tally in the same step, which reads its byN map.
      expect(l.reads.map((r) => [r.operatorId, r.stateName, r.keyStr])).toEqual([
        ['sess', 'last', out.keyStr], ['sess', 'items', out.keyStr], ['sess', 'count', out.keyStr], ['tally', 'byN', '"all"'],
      ])
      expect(l.reads[2].value).toBe((out.value as { n: number }).n)
      expect(await s.status()).toEqual(status)
    } finally {
      await s.close()
    }
  })

  it('links a downstream output to the input record whose step produced it', async () => {
    const s = await c.open()
    try {
      await s.step({ kind: 'end' })
      const out = (await s.outputs(0, 1e9)).items.find((o) => o.operatorId === 'tally')!
      const l = await s.lineage(out.seq)
      expect(l.input ?? l.timer).toBeDefined()
      expect(l.reads.some((r) => r.operatorId === 'tally' && r.stateName === 'byN')).toBe(true)
      expect(l.writes.some((w) => w.operatorId === 'tally' && w.stateName === 'byN')).toBe(true)
      await expect(s.lineage(1e6)).rejects.toMatchObject({ code: 'BAD_ARGUMENT' })
    } finally {
      await s.close()
    }
  })
})

describe('key timeline', () => {
  it('has the key events, timer registrations/deletions/firings, outputs, sessions and watermark points', async () => {
    const s = await c.open({ minInterval: 50, maxInterval: 50 })
    try {
      await s.step({ kind: 'end' })
      const status = await s.status()
      const tl = await s.keyTimeline('sess', '"u0"')
      const recs = steps.filter((v) => v.kind === 'record' && (v.input!.value as { u: string }).u === 'u0')
      expect(tl.events.map((e) => [e.step, e.ts])).toEqual(recs.map((v) => [v.step, (v.input!.value as { ts: number }).ts]))
      const fired = steps.filter((v) => v.kind === 'timer' && v.timer!.operatorId === 'sess' && v.timer!.keyStr === '"u0"')
      expect(tl.timers.filter((t) => t.action === 'fired').map((t) => [t.step, t.domain, t.timestamp]))
        .toEqual(fired.map((v) => [v.step, v.timer!.domain, v.timer!.timestamp]))
      // Every record registers an event-time timer at ts + 1000; each later record of a session deletes the previous one.
      const regs = tl.timers.filter((t) => t.action === 'registered' && t.domain === 'EVENT_TIME')
      expect(regs.length).toBeGreaterThan(0)
      for (const r of regs) expect(tl.events.some((e) => e.step === r.step && e.ts! + 1000 === r.timestamp), `registration at step ${r.step}`).toBe(true)
      expect(regs.length).toBeGreaterThanOrEqual(fired.filter((v) => v.timer!.domain === 'EVENT_TIME').length)
      expect(tl.timers.some((t) => t.action === 'deleted')).toBe(true)
      const outs = (await s.outputs(0, 1e9, { keyStr: '"u0"' })).items.filter((o) => o.operatorId === 'sess')
      expect(tl.outputs).toEqual(outs)
      expect(tl.sessions.length).toBe(outs.filter((o) => o.tag === null).length)
      expect(tl.watermark.length).toBeGreaterThan(5)
      for (let i = 1; i < tl.watermark.length; i++) expect(tl.watermark[i].watermark).toBeGreaterThan(tl.watermark[i - 1].watermark)
      expect(await s.status()).toEqual(status)
    } finally {
      await s.close()
    }
  })

  it('spans come from start/end or windowStart/windowEnd fields', () => {
    expect(spanOf({ start: 1, end: 5 })).toEqual({ start: 1, end: 5 })
    expect(spanOf({ windowStart: 2, windowEnd: 9, x: 1 })).toEqual({ start: 2, end: 9 })
    // The seed article's Session shape.
    expect(spanOf({ user_id: 'u1', session_start: 3, session_end: 7, event_count: 2 })).toEqual({ start: 3, end: 7 })
    expect(spanOf({ start: '1', end: 5 })).toBeNull()
    expect(spanOf(7)).toBeNull()
  })
})
