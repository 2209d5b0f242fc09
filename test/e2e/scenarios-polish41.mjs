// polish41's checks in the browser: the compile-error banner names its place once (it said it again by the full
// path), a TTL job run to its end on LevelDB says its expired entries are not counted rather than "not counted yet",
// and the backend check writes "4,000 steps".
import { assert, waitFor } from './harness.mjs'
import { editorValue, phase, replaceSource, seedOnSmall, selectOptionContaining, shot, startSession, text } from './ui.mjs'
import { clearBreakpoints, openTab, runToEnd } from './debugger-ui.mjs'

export const polish41Scenarios = [
  ['the compile-error banner names its place once, by the job\'s file name, not again by its full path', async (ctx) => {
    await seedOnSmall(ctx)
    const seed = await editorValue(ctx)
    const broken = seed.replace('ctx.timerService().registerEventTimeTimer(now + TIMEOUT)', 'ctx.timerService().registerEventTimeTimer(now + TIMEOUT) +')
    assert(broken !== seed, 'the seed has the line to break')
    try {
      await replaceSource(ctx, broken)
      await clearBreakpoints(ctx)
      await startSession(ctx)
      assert((await phase(ctx)) === 'failed', `Start failed to compile (phase ${await phase(ctx)})`)
      const banner = await waitFor(async () => ((await ctx.page.locator('[data-testid=job-error]').count()) ? text(ctx, '[data-testid=job-error]') : null), 'the compile-error banner')
      await shot(ctx, 'polish41-01-compile-error-banner.png')
      assert(/Compile error at sessionizer-seed\.ts:\d+:\d+/.test(banner), `the heading names the place by the file's name: ${banner}`)
      assert((banner.match(/sessionizer-seed\.ts:\d+:\d+/g) ?? []).length === 1, `the place is said once: ${banner}`)
      assert(!banner.includes(ctx.project), `no full path in the banner: ${banner}`)
    } finally {
      await replaceSource(ctx, seed)
    }
  }],
  ['a TTL job run to its end on LevelDB says how its expired entries stand, not "not counted yet"; its backend check says "4,000 steps"', async (ctx) => {
    try {
      await selectOptionContaining(ctx, '[data-testid=examples]', 'dedup-ttl.ts')
      await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('dedup-ttl.ts'), 'the dedup job')
      await selectOptionContaining(ctx, '[data-testid=recording]', 'payments')
      await ctx.page.selectOption('[data-testid=backend]', 'leveldb')
      await startSession(ctx)
      await runToEnd(ctx)
      const item = await waitFor(async () => ((await ctx.page.locator('[data-testid=status-expired]').count()) ? ctx.page.$eval('[data-testid=status-expired]', (e) => ({ text: e.textContent, title: e.title })) : null), 'the expired item')
      await shot(ctx, 'polish41-02-ttl-leveldb-finished.png')
      assert(!/not counted yet/.test(item.text), `a finished run promises no count: ${JSON.stringify(item)}`)
      assert(/not counted on LevelDB|as of step/.test(item.text), `it says how the count stands: ${JSON.stringify(item)}`)
      // The backend check over the same 4,000 records writes its counts as the rest of the app does.
      await openTab(ctx, 'compare')
      await ctx.page.click('[data-testid=backend-check]')
      const res = await waitFor(async () => {
        const el = ctx.page.locator('[data-testid=backend-check-result]')
        return (await el.count()) > 0 ? el.innerText() : null
      }, 'the backend check', 60_000)
      await shot(ctx, 'polish41-03-backend-check-counts.png')
      assert(res.includes('4,000 steps on heap, 4,000 on LevelDB'), `the step counts with their thousands separator: ${res}`)
    } finally {
      await openTab(ctx, 'outputs')
      await ctx.page.selectOption('[data-testid=backend]', 'heap')
      await seedOnSmall(ctx)
    }
  }],
  ['the "no timer fired" note of Next timer goes with its session when the user presses Stop', async (ctx) => {
    try {
      await selectOptionContaining(ctx, '[data-testid=examples]', 'running-count.ts')
      await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('running-count.ts'), 'the running count job')
      await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
      await clearBreakpoints(ctx)
      await startSession(ctx)
      await ctx.page.click('[data-testid=step-timer]')
      const note = await waitFor(async () => ((await ctx.page.locator('[data-testid=request-note]').count()) ? text(ctx, '[data-testid=request-note]') : null), 'the note')
      assert(note.includes('Next timer: no timer fired'), `the note says no timer fired: ${note}`)
      await ctx.page.click('[data-testid=stop]')
      await waitFor(async () => (await phase(ctx)) === 'ended', 'the session to stop')
      await waitFor(async () => (await ctx.page.locator('[data-testid=request-note]').count()) === 0, 'the note to go with the session')
      await shot(ctx, 'polish41-04-stopped-no-note.png')
    } finally {
      await seedOnSmall(ctx)
    }
  }],
]
