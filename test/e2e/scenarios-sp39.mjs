// Load savepoint… to get back before a step where the job threw (follow-up of scenarios-sp37.mjs and sp38): a save
// where it threw is refused (that step did not complete), the replaced run's error banner and line mark go, the Trace
// view says the savepoint's step has no trace (it said "Tracing the step…" for good), and the same job throws again at
// the same event, shown again. And a savepoint saved over the folder the session loaded, before a watchdog stop that
// rebuilds the session in a fresh worker: the session still reaches the step it loaded (the fresh worker loaded the
// folder's new savepoint, and Step back to the loaded step was refused).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { assert, ROOT, waitFor } from './harness.mjs'
import { phase, replaceSource, seedOnSmall, shot, startSession, stepNo, text } from './ui.mjs'
import { clearBreakpoints, openTab, savepointDialog, steps } from './debugger-ui.mjs'

export const sp39Scenarios = [
  ['savepoint loaded after the job threw: the old run\'s error goes, the Trace view explains the savepoint\'s step, the throw comes back at its event', async (ctx) => {
    const seed = readFileSync(join(ROOT, 'examples/sessionizer-seed.ts'), 'utf8')
    const throwing = seed.replace('const now = ctx.timestamp()!',
      'const now = ctx.timestamp()!\n    if (event.user_id === \'u2\' && (this.eventCount.value() ?? 0) >= 1) throw new Error(\'bad user u2\')')
    assert(throwing !== seed, 'the seed has the line the test changes')
    await seedOnSmall(ctx)
    await clearBreakpoints(ctx)
    await replaceSource(ctx, throwing)
    await startSession(ctx)
    await steps(ctx, 3)
    await savepointDialog(ctx, 'save', 'savepoints/sp39-at-3')
    await ctx.page.keyboard.press('F5')
    await waitFor(async () => (await phase(ctx)) === 'failed', 'the throw at u2\'s second event')
    const failedAt = await waitFor(async () => { const s = await stepNo(ctx); return s > 3 ? s : null }, 'the failed step in the status bar')
    await openTab(ctx, 'trace')
    const throwLine = throwing.split('\n').findIndex((l) => l.includes('bad user u2')) + 1
    const marked = async () => (await ctx.page.evaluate(() => window.__riffleEditor.diagnostics())).some((d) => d.line === throwLine)
    assert(await marked(), `the editor marks the throw at line ${throwLine}`)
    // Saving here is refused in the dialog: the step that threw did not complete.
    await ctx.page.click('[data-testid=savepoint-save]')
    await ctx.page.fill('[data-testid=savepoint-path]', 'savepoints/sp39-at-throw')
    await ctx.page.keyboard.press('Enter')
    await waitFor(async () => new RegExp(`the job threw in step ${failedAt}, which did not complete .*step back to step ${failedAt - 1} and save there`)
      .test(await text(ctx, '[data-testid=savepoint-error]').catch(() => '')), 'the refusal of a save where the job threw')
    await shot(ctx, 'sp39-save-at-throw-refused.png')
    await ctx.page.keyboard.press('Escape')
    await waitFor(async () => !(await ctx.page.isVisible('[data-testid=savepoint-dialog]')), 'the dialog closed')
    await savepointDialog(ctx, 'load', 'savepoints/sp39-at-3')
    await waitFor(async () => (await stepNo(ctx)) === 3 && (await phase(ctx)) === 'ready', 'the session at step 3 from the savepoint, ready')
    // The run that threw is gone: no banner naming its step, no mark on its line (they stayed: "The job threw in step
    // ${failedAt} … You are at step 3, before it").
    await waitFor(async () => (await ctx.page.locator('[data-testid=job-error]').count()) === 0, 'the replaced run\'s error banner gone')
    await waitFor(async () => !(await marked()), `no mark on line ${throwLine}`)
    await waitFor(async () => /Step 3 is the loaded savepoint's/.test(await text(ctx, '[data-testid=trace]')), 'the Trace view explains step 3')
    await shot(ctx, 'sp39-loaded-after-failure.png')
    // The same job from the same savepoint throws at the same event again: shown again, at that step.
    await ctx.page.keyboard.press('F5')
    await waitFor(async () => (await phase(ctx)) === 'failed', 'the throw again')
    await waitFor(async () => (await stepNo(ctx)) === failedAt, `the status bar at the failed step ${failedAt} again`)
    await waitFor(async () => (await ctx.page.locator('[data-testid=job-error]').count()) === 1 && (await marked()), 'the banner and the mark again')
    await replaceSource(ctx, seed)
  }],
  ['a savepoint saved over the folder the session loaded, then a watchdog stop that needs a fresh worker: the session keeps its steps from the loaded one', async (ctx) => {
    const seed = readFileSync(join(ROOT, 'examples/sessionizer-seed.ts'), 'utf8')
    // At u2's second event (step 5) a regular expression backtracks forever: no loop the watchdog's interrupt reaches,
    // so the session is rebuilt in a fresh worker, which loads the savepoint the session loaded and re-runs from it.
    const runaway = seed.replace('const now = ctx.timestamp()!',
      'const now = ctx.timestamp()!\n    if (event.user_id === \'u2\' && (this.eventCount.value() ?? 0) >= 1) /^(a+)+$/.test(\'a\'.repeat(40) + \'!\')')
    assert(runaway !== seed, 'the seed has the line the test changes')
    await seedOnSmall(ctx)
    await clearBreakpoints(ctx)
    await replaceSource(ctx, runaway)
    await startSession(ctx)
    await steps(ctx, 3)
    await savepointDialog(ctx, 'save', 'savepoints/sp39-latest')
    await savepointDialog(ctx, 'load', 'savepoints/sp39-latest')
    await waitFor(async () => (await stepNo(ctx)) === 3, 'the session at the loaded step 3')
    // The user keeps one "latest" savepoint: saved over at step 4, the folder the session loaded.
    await steps(ctx, 1)
    await savepointDialog(ctx, 'save', 'savepoints/sp39-latest')
    await ctx.page.keyboard.press('F5')
    const banner = await waitFor(async () => text(ctx, '[data-testid=job-error]').catch(() => null), 'the watchdog message', 60_000)
    assert(/did not return within/.test(banner), `watchdog banner: ${banner}`)
    await waitFor(async () => (await ctx.page.locator('[data-testid=watchdog-resumed]').count()) === 1, 'word that the session goes on', 60_000)
    await waitFor(async () => (await stepNo(ctx)) === 4, 'the session at step 4, before the stopped step 5')
    // Its steps start at the savepoint it loaded (3), not at the one now in the folder (4).
    await ctx.page.keyboard.press('Shift+F10')
    await waitFor(async () => (await stepNo(ctx)) === 3, 'a step back to the loaded step 3')
    await waitFor(() => ctx.page.isDisabled('[data-testid=step-back]'), 'Step back stops at the loaded step')
    const note = await text(ctx, '[data-testid=request-note]').catch(() => '')
    assert(!/cannot go back/.test(note), `no refusal of the step back (${note})`)
    await shot(ctx, 'sp39-fresh-worker-kept-loaded.png')
    await replaceSource(ctx, seed)
  }],
]
