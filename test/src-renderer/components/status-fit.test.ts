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

  it('gives back the date once a count has left the line, but not the mode while the count is out', () => {
    // A wide count (150): the mode out (488), the date out (408), the count out (248); the date back (328) fits 400.
    const wide = [items[0], items[1], { widths: [150], give: [], hide: 5 }, items[3]]
    expect(fitStatus(wide, 400, 10, 8)).toEqual([0, 0, HIDDEN, HIDDEN])
    expect(fitStatus(wide, 327, 10, 8)).toEqual([0, 1, HIDDEN, HIDDEN])
    // A wider count (250) out at 420, the date back (328): room for the mode (+90) too, but it stays behind the "…" with the count.
    expect(fitStatus([items[0], items[1], { widths: [250], give: [], hide: 5 }, items[3]], 420, 10, 8)).toEqual([0, 0, HIDDEN, HIDDEN])
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

  it('starts each tooltip with the item\'s whole text, which the "…"\'s tooltip says when the item left the line', () => {
    const all = line({ status: status(300, { watermark: 1708848084999, expiredNotRemoved: 7, expiredCountedAtStep: 120 }) })
    for (const i of all) expect(i.title.startsWith(i.forms[0]) || i.title.startsWith(i.forms[0].replace(/ \S+$/, ' '))).toBe(true)
    expect(all.find((i) => i.id === 'status-expired')!.title).toMatch(/^expired not cleaned 7 \(as of step 120\) — TTL entries/)
  })

  it('has no short form for a sentinel: "MAX_TIMESTAMP" stays whole (its "T" is no date\'s end)', () => {
    const wm = line({ status: status(3, { watermark: 2 ** 63 }) }).find((i) => i.id === 'status-watermark')!
    expect(wm.forms).toEqual(['watermark MAX_TIMESTAMP'])
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
