// The tab strip's one row: which tabs fit, which go behind "…", and the selected one always in the row.
import { describe, expect, it } from 'vitest'
import { fitTabs, moreTabs } from '../../../src-renderer/src/components/tab-fit'

const W = [80, 100, 60, 90, 70]

describe('fitTabs', () => {
  it('shows every tab, with no "…", when all fit', () => {
    expect(fitTabs(W, 400, 30, 4)).toEqual([0, 1, 2, 3, 4])
  })

  it('shows the first tabs that fit beside the "…" button', () => {
    // 399 < 400: the "…" button (30) is needed, leaving 369 → 80 + 100 + 60 + 90 = 330 fit, 70 more does not.
    expect(fitTabs(W, 399, 30, 0)).toEqual([0, 1, 2, 3])
    expect(fitTabs(W, 250, 30, 1)).toEqual([0, 1])
  })

  it('puts the selected tab in the row in place of the last ones that fit, keeping the order', () => {
    expect(fitTabs(W, 280, 30, 4)).toEqual([0, 1, 4])
    expect(fitTabs(W, 250, 30, 3)).toEqual([0, 3])
  })

  it('shows the selected tab alone when the row is narrower than it', () => {
    expect(fitTabs(W, 50, 30, 1)).toEqual([1])
    expect(fitTabs(W, 50, 30, -1)).toEqual([])
  })
})

describe('moreTabs', () => {
  const tabs = [['outputs', 'Output log'], ['timeline', 'Key timeline'], ['messages', 'Messages']] as const

  it('names the hidden tabs, with no mark when none of them has a badge', () => {
    expect(moreTabs(tabs.slice(1), { outputs: 3 })).toEqual({ names: 'Key timeline, Messages', badged: 0 })
    expect(moreTabs(tabs, { messages: 0 })).toEqual({ names: 'Output log, Key timeline, Messages', badged: 0 })
  })

  it('marks the "…" button when a hidden tab has a badge, and says whose count it is', () => {
    expect(moreTabs(tabs.slice(1), { messages: 2 })).toEqual({ names: 'Key timeline, Messages (2)', badged: 1 })
    expect(moreTabs(tabs, { outputs: 1, messages: 2 })).toEqual({ names: 'Output log (1), Key timeline, Messages (2)', badged: 2 })
  })
})
