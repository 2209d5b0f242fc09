// After Load savepoint… (follow-ups of scenarios-sp37.mjs): the Trace view at the savepoint's own step says that
// step ran in the run that wrote the savepoint (it was "Trace unavailable: cannot go back before step 6"), the next
// step is traced; and a page reload keeps the timeline starting at the savepoint's step (it started at 0 again).
import { assert, waitFor } from './harness.mjs'
import { seedOnSmall, shot, stepNo, text } from './ui.mjs'
import { clearBreakpoints, openTab, restart, runToEnd, savepointDialog, steps } from './debugger-ui.mjs'

export const sp38Scenarios = [
  ['savepoint loaded: the Trace view explains its step and traces the next; a reload keeps the timeline starting there', async (ctx) => {
    await seedOnSmall(ctx)
    await clearBreakpoints(ctx)
    await restart(ctx)
    await steps(ctx, 6)
    await savepointDialog(ctx, 'save', 'savepoints/sp38-at-6')
    await runToEnd(ctx)
    await savepointDialog(ctx, 'load', 'savepoints/sp38-at-6')
    await waitFor(async () => (await stepNo(ctx)) === 6, 'the session at step 6 from the savepoint')
    const max = await ctx.page.getAttribute('[data-testid=timeline-slider]', 'max')
    assert(max === '6', `the timeline ends at the loaded run's furthest step 6, not the replaced run's (max ${max})`)
    await openTab(ctx, 'trace')
    await waitFor(async () => /Step 6 is the loaded savepoint's: it ran in the run that wrote the savepoint/.test(await text(ctx, '[data-testid=trace]')), 'the Trace view explains step 6')
    const t6 = await text(ctx, '[data-testid=trace]')
    assert(!/unavailable|cannot go back/.test(t6), `no failed trace at the savepoint's step (${t6})`)
    await shot(ctx, 'sp38-trace-at-savepoint.png')
    await steps(ctx, 1)
    await waitFor(async () => (await text(ctx, '[data-testid=trace-step]').catch(() => '')) === 'Step 7', 'step 7 traced')

    await ctx.page.reload()
    await ctx.page.waitForSelector('#editor .monaco-editor .view-lines', { timeout: 20_000 })
    await waitFor(async () => (await stepNo(ctx)) === 7, 'the session back at step 7 after the reload')
    const min = await ctx.page.getAttribute('[data-testid=timeline-slider]', 'min')
    assert(min === '6', `the timeline starts at the savepoint's step 6 after the reload (min ${min})`)
    await ctx.page.keyboard.press('Shift+F10')
    await waitFor(async () => (await stepNo(ctx)) === 6, 'step back to the savepoint\'s step')
    await waitFor(() => ctx.page.isDisabled('[data-testid=step-back]'), 'Step back stops at the savepoint\'s step after the reload')
    await openTab(ctx, 'trace')
    await waitFor(async () => /Step 6 is the loaded savepoint's/.test(await text(ctx, '[data-testid=trace]')), 'the Trace view explains step 6 after the reload')
    await shot(ctx, 'sp38-after-reload.png')
  }],
]
