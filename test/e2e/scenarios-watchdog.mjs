// A Python job's endless loop in the app: the watchdog's interrupt unwinds it and the session goes on in the same
// worker at the step before the stopped one (restored from its nearest snapshot, not re-run from step 0), with the
// error banner saying so and time travel working.
import { assert, waitFor } from './harness.mjs'
import { phase, replaceSource, selectOptionContaining, shot, stepNo, text } from './ui.mjs'

export const watchdogScenarios = [
  ['a Python job\'s `while True:` is stopped by the watchdog; the banner says the session goes on at the step before it, and step back works', async (ctx) => {
    await ctx.page.goto(ctx.server.url)
    await ctx.page.waitForSelector('#editor .monaco-editor .view-lines', { timeout: 20_000 })
    await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
    await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.py')
    await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('sessionizer-seed.py'), 'the job name')
    const src = await ctx.page.evaluate(() => window.__riffleEditor.getValue())
    // Loops at a user's second event (its count is 1 then).
    const looping = src.replace('now = ctx.timestamp()', 'now = ctx.timestamp()\n        while (self.event_count.value() or 0) == 1:\n            pass')
    assert(looping !== src, 'the seed source has the line the test changes')
    const line = looping.split('\n').findIndex((l) => l.includes('while (self.event_count.value() or 0) == 1:')) + 1
    await replaceSource(ctx, looping)
    await ctx.page.click('[data-testid=start]')
    await waitFor(async () => ['ready', 'failed', 'finished'].includes(await phase(ctx)), 'the Python session to start', 120_000)
    await ctx.page.click('[data-testid=continue]')
    const banner = await waitFor(async () => text(ctx, '[data-testid=job-error]').catch(() => null), 'the watchdog message', 60_000)
    assert(/did not return within/.test(banner) && banner.includes('JOB_TIMEOUT'), `watchdog banner: ${banner}`)
    const resumed = await waitFor(async () => ((await ctx.page.locator('[data-testid=watchdog-resumed]').count()) === 1 ? text(ctx, '[data-testid=watchdog-resumed]') : null),
      'word that the session goes on', 30_000)
    const standing = await waitFor(async () => { const n = await stepNo(ctx); return n > 0 ? n : null }, 'the run standing after the last completed step')
    assert(resumed.includes(`step ${standing}`) && [line, line + 1].some((l) => resumed.includes(`line ${l}`)), `the banner says where the session stands and the loop's line: ${resumed}`)
    assert(!/fresh worker/.test(resumed), `a Python session goes on in its own worker: ${resumed}`)
    await shot(ctx, 'watchdog-python-resumed.png')
    await ctx.page.keyboard.press('Shift+F10')
    await waitFor(async () => (await stepNo(ctx)) === standing - 1, 'step back works after the watchdog stop')
    await shot(ctx, 'watchdog-python-step-back.png')
  }],
]
