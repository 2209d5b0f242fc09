// A Flink developer chasing state that grows or counts that drift: the status bar's processing time for a job whose
// records get no timestamps (running-count.ts on many-keys.jsonl, follow mode) says why it stands at 0 instead of a
// bare "1970-01-01T00:00:00.000Z"; on dedup-ttl.ts, whose TTL keeps state bounded, the rising key line of the Charts
// tab reads as keys seen beside the flat state entries, not as state that grows; a key's timeline says which of its
// events it cannot draw (no timestamp) rather than "11 events" over an empty chart.
import { assert, waitFor } from './harness.mjs'
import { clearBreakpoints, openTab, restart, runToEnd, steps } from './debugger-ui.mjs'
import { selectKey, selectOptionContaining, shot, text } from './ui.mjs'

export const ux40Scenarios = [
  ['status bar: processing time of a job without timestamps, in follow mode, says the records have none (not 1970-01-01)', async (ctx) => {
    await clearBreakpoints(ctx)
    await selectOptionContaining(ctx, '[data-testid=recording]', 'many-keys.jsonl')
    await selectOptionContaining(ctx, '[data-testid=examples]', 'running-count.ts')
    await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.getValue())).includes('class EventCounter'), 'running-count.ts in the editor')
    await ctx.page.selectOption('[data-testid=processing-time]', 'follow')
    await ctx.page.setViewportSize({ width: 1440, height: 900 })
    await restart(ctx)
    await steps(ctx, 3)
    const pt = ctx.page.locator('[data-testid=status-processing-time]')
    await waitFor(async () => (await pt.count()) > 0 && /records have no timestamps/.test(await pt.innerText()), 'the processing time to say the records have no timestamps')
    await ctx.page.screenshot({ path: `${ctx.artifacts}/ux40-processing-time-no-timestamps.png`, clip: { x: 0, y: 840, width: 1440, height: 60 } })
    await shot(ctx, 'ux40-processing-time-no-timestamps-full.png')
    const shown = await text(ctx, '[data-testid=status]')
    assert(!shown.includes('1970'), `no 1970 date in the status bar: ${shown}`)
    const title = await pt.getAttribute('title')
    assert(/follow mode/.test(title) && /assignTimestampsAndWatermarks/.test(title), `its tooltip says why: ${title}`)
  }],
  ['charts: on dedup-ttl.ts the key line is "keys seen", rising while state entries stay bounded by the TTL', async (ctx) => {
    await clearBreakpoints(ctx)
    await selectOptionContaining(ctx, '[data-testid=recording]', 'payments.jsonl')
    await selectOptionContaining(ctx, '[data-testid=examples]', 'dedup-ttl.ts')
    await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.getValue())).includes('class Deduplicator'), 'dedup-ttl.ts in the editor')
    await restart(ctx)
    await runToEnd(ctx)
    await openTab(ctx, 'charts')
    const size = () => ctx.page.$$eval('[data-testid=charts] .chart', (els) => {
      const o = els[2]?.riffleChart?.getOption()
      return o ? { title: o.title[0].text, series: o.series.map((x) => ({ name: x.name, last: x.data.at(-1)?.[1] })) } : null
    })
    const chart = await waitFor(async () => { const c = await size(); return c && c.series[0]?.last > 0 ? c : null }, 'the size chart drawn')
    await shot(ctx, 'ux40-charts-dedup-ttl.png')
    assert(chart.title === 'Keys seen, state entries, pending timers', `its title: ${JSON.stringify(chart)}`)
    const byName = Object.fromEntries(chart.series.map((x) => [x.name, x.last]))
    assert(byName['keys seen'] === 3656 && byName['state entries'] < 1000, `keys seen climb, state entries stay bounded: ${JSON.stringify(chart)}`)
    const keysTitle = await ctx.page.getAttribute('[data-testid=status-keys]', 'title')
    assert(/keys the run has seen/.test(keysTitle), `the status bar's keys say what they count: ${keysTitle}`)
  }],
  ['key timeline: events without a timestamp (running-count.ts) are said not drawn, not left out silently', async (ctx) => {
    await clearBreakpoints(ctx)
    await selectOptionContaining(ctx, '[data-testid=recording]', 'clicks-small.jsonl')
    await selectOptionContaining(ctx, '[data-testid=examples]', 'running-count.ts')
    await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.getValue())).includes('class EventCounter'), 'running-count.ts in the editor')
    await restart(ctx)
    await runToEnd(ctx)
    await selectKey(ctx, '"u1"')
    await openTab(ctx, 'timeline')
    const note = await waitFor(async () => (await ctx.page.locator('[data-testid=timeline-unplotted]').count()) > 0 && text(ctx, '[data-testid=timeline-unplotted]'), 'the timeline to say its events are not drawn')
    await shot(ctx, 'ux40-timeline-no-timestamps.png')
    assert(/^11 without a timestamp: not drawn/.test(note), `u1's 11 events are said not drawn: ${note}`)
  }],
]
