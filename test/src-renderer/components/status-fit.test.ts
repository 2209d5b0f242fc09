// The status bar's one row: items give way in their order (a shorter form, or out of the line behind "…") only as far
// as the line needs, and what never gives way stays whole.
import { describe, expect, it } from 'vitest'
import { HIDDEN, fitStatus } from '../../../src-renderer/src/components/status-fit'
import { statusItems } from '../../../src-renderer/src/components/status-items'
import { status } from '../fake-client'

// An event count that never gives way, a time whose date goes at 3, a count that leaves at 5, a mode that leaves at 1.
const items = [
  { widths: [100], give: [] },
  { widths: [200, 120], give: [3] },
  { widths: [50], give: [], hide: 5 },
  { widths: [80], give: [], hide: 1 },
]
const whole = 100 + 200 + 50 + 80 + 3 * 10

describe('fitStatus', () => {
  it('shows every item whole when the line fits', () => {
    expect(fitStatus(items, whole, 10, 8)).toEqual([0, 0, 0, 0])
  })

  it('first hides the mode, then shortens the time, then hides the count, each only if the line still does not fit', () => {
    // The mode out, "…" (8) in its place: 100 + 200 + 50 + 8 + 30 = 388; the date out: 308.
    expect(fitStatus(items, whole - 1, 10, 8)).toEqual([0, 0, 0, HIDDEN])
    expect(fitStatus(items, 388, 10, 8)).toEqual([0, 0, 0, HIDDEN])
    expect(fitStatus(items, 387, 10, 8)).toEqual([0, 1, 0, HIDDEN])
    expect(fitStatus(items, 308, 10, 8)).toEqual([0, 1, 0, HIDDEN])
    expect(fitStatus(items, 307, 10, 8)).toEqual([0, 1, HIDDEN, HIDDEN])
  })

  it('keeps what never gives way, even when it alone is wider than the room', () => {
    expect(fitStatus(items, 50, 10, 8)).toEqual([0, 1, HIDDEN, HIDDEN])
  })
})

describe('statusItems', () => {
  const line = (over = {}) => statusItems({ status: status(3, { watermark: 1708848084999, processingTime: 1708848090000 }), total: 40, zone: 'utc', idle: '', endedReason: null, mode: 'browser mode', modeTitle: 'browser mode: …', ...over })

  it('says position, step and watermark whole and never hides them; the mode goes first', () => {
    const all = line()
    const byId = Object.fromEntries(all.map((i) => [i.id, i]))
    for (const id of ['status-events', 'status-step', 'status-watermark']) expect(byId[id].hide).toBeUndefined()
    expect(byId['status-watermark'].forms).toEqual(['watermark 2024-02-25T08:01:24.999Z', 'watermark …08:01:24.999Z'])
    const hides = all.filter((i) => i.hide !== undefined).map((i) => i.hide!)
    expect(byId['status-mode'].hide).toBe(Math.min(...hides))
  })

  it('keeps the zone of a local time in its short form, the whole time with its milliseconds in the tooltip', () => {
    const pt = line({ zone: 'local' }).find((i) => i.id === 'status-processing-time')!
    expect(pt.forms[1]).toMatch(/^processing time …\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/)
    expect(pt.title).toMatch(/^processing time 1708848090000 \(2024-02-2\dT\S+[+-]\d\d:\d\d\)$/)
  })

  it('shortens the LevelDB expired count to its figure before it leaves the line', () => {
    const ex = line({ status: status(300, { expiredNotRemoved: 7, expiredCountedAtStep: 120 }) }).find((i) => i.id === 'status-expired')!
    expect(ex.forms).toEqual(['expired not cleaned 7 (as of step 120)', 'expired not cleaned 7'])
    expect(ex.give[0]).toBeLessThan(ex.hide!)
  })

  it('with no run, says the idle text whole (never hidden), then the mode', () => {
    expect(line({ status: null, idle: 'No session. Press Start to replay.' }).map((i) => [i.id, i.hide])).toEqual([['status-idle', undefined], ['status-mode', 1]])
  })
})
