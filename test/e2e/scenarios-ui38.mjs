// The time-travel bar's "seek N ms" is the cost of the last Go to step: it stayed up after later steps and after a
// run ("seek 103.2 ms" long after the seek), as if it were the cost of the step the session now stands at.
import { assert, waitFor } from './harness.mjs'
import { seedOnSmall, shot, stepNo } from './ui.mjs'
import { clearBreakpoints, restart, runToEnd, steps } from './debugger-ui.mjs'

const seekShown = (ctx) => ctx.page.locator('[data-testid=seek-ms]').count().then((n) => n > 0)

async function goTo(ctx, n) {
  await ctx.page.fill('[data-testid=goto-step]', String(n))
  await ctx.page.keyboard.press('Enter')
  await waitFor(async () => (await stepNo(ctx)) === n, `the session at step ${n}`)
}

export const ui38Scenarios = [
  ['time-travel bar: "seek N ms" shows after a Go to step and is gone after the next step and after a run', async (ctx) => {
    await seedOnSmall(ctx)
    await clearBreakpoints(ctx)
    await restart(ctx)
    await steps(ctx, 6)
    await goTo(ctx, 3)
    await waitFor(() => seekShown(ctx), 'the seek\'s cost in the bar')
    await shot(ctx, 'ui38-seek-shown.png')
    await steps(ctx, 1)
    assert(!(await seekShown(ctx)), 'no "seek N ms" after a step: the step was not a seek')
    await shot(ctx, 'ui38-seek-gone-after-step.png')
    await goTo(ctx, 2)
    await waitFor(() => seekShown(ctx), 'the seek\'s cost in the bar again')
    await runToEnd(ctx)
    assert(!(await seekShown(ctx)), 'no "seek N ms" after Run to end')
    await shot(ctx, 'ui38-seek-gone-after-run.png')
  }],
]
