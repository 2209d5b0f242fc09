// A Flink developer chasing state that grows or counts that drift: the status bar's processing time for a job whose
// records get no timestamps (running-count.ts on many-keys.jsonl, follow mode) says why it stands at 0 instead of a
// bare "1970-01-01T00:00:00.000Z".
import { assert, waitFor } from './harness.mjs'
import { clearBreakpoints, restart, steps } from './debugger-ui.mjs'
import { selectOptionContaining, shot, text } from './ui.mjs'

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
]
