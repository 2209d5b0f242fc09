// Chaos while an app session runs: a reload reattaches it (same session, same step); its socket closed under
// it is a clear error and a reload brings it back; its worker killed (process.exit in the job, out of memory)
// is a clear error naming the cause; and the service stays alive and usable after each.
import { readFileSync } from 'node:fs'
import { assert, launchChromium, startServer, waitFor } from './harness.mjs'
import { editorValue, phase, replaceSource, selectOptionContaining, shot, startSession, stepNo, text } from './ui.mjs'
import { steps } from './debugger-ui.mjs'

/** Steps n times with F10, waiting for each. */
async function reloadApp(ctx) {
  await ctx.page.reload()
  await ctx.page.waitForSelector('#editor .monaco-editor .view-lines', { timeout: 20_000 })
}

/** The service answers: a fresh session starts and steps. */
async function serviceAlive(ctx) {
  assert(ctx.server.alive(), 'the service process is alive')
  await replaceSource(ctx, ctx.state.seedSource)
  await startSession(ctx)
  await steps(ctx, 1)
}

export const chaosScenarios = [
  ['a reload during Run to end: the run goes on after the reattach and says finished at its end, not paused', async (ctx) => {
    await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.ts')
    await selectOptionContaining(ctx, '[data-testid=recording]', 'clicks.jsonl')
    await startSession(ctx)
    await ctx.page.click('[data-testid=run-to-end]')
    // Reload between chunks (a chunk is 50 000 steps): the loop that asks for the next one lived in the page.
    await waitFor(async () => (await stepNo(ctx)) >= 50_000, 'the first chunk done', 60_000)
    await reloadApp(ctx)
    await waitFor(async () => (await phase(ctx)) === 'finished', 'finished after the reload, without another Run to end or F10', 60_000)
    const final = await stepNo(ctx)
    assert(final > 50_000, `the run went past the first chunk: step ${final}`)
    assert((await text(ctx, '[data-testid=status]')).includes('finished'), 'the status line says finished')
    await shot(ctx, '40c-reload-during-run-to-end.png')
    await reloadApp(ctx)
    await waitFor(async () => (await stepNo(ctx)) === final, `the session back at step ${final}`)
    assert((await phase(ctx)) === 'finished', `after a reload at the end the phase says finished, not ${await phase(ctx)}`)
    await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
  }],

  ['a reload reattaches the running session: the same job, the same step, and it steps on', async (ctx) => {
    await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.ts')
    await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
    const edited = ctx.state.seedSource.replace('30 minutes in ms', '30 minutes in ms (edited before the reload)')
    await replaceSource(ctx, edited)
    await startSession(ctx)
    await steps(ctx, 3)
    // What the last step changed, highlighted in the key's state and listed under it, is part of the view.
    const changedView = () => ctx.page.$$eval('[data-testid=key-detail] .changed', (els) => els.map((e) => e.textContent.replace(/\s+/g, ' ').trim()).join(' | '))
    await waitFor(async () => (await changedView()).includes('changed in step 3'), 'step 3\'s changes highlighted')
    const changedBefore = await changedView()
    // The key pinned and the bottom tab open are part of the view too.
    await ctx.page.click('[data-testid=pin-key]')
    await ctx.page.click('[data-testid=tab-trace]')
    const keyBefore = await text(ctx, '[data-testid=selected-key]')
    await reloadApp(ctx)
    await waitFor(async () => (await stepNo(ctx)) === 3 && (await phase(ctx)) === 'ready', 'the session back at step 3 after the reload')
    await waitFor(async () => (await changedView()) === changedBefore, `the same changes highlighted after the reload (before: ${changedBefore})`)
    await waitFor(async () => (await ctx.page.getAttribute('[data-testid=tab-trace]', 'aria-selected')) === 'true', 'the Trace tab open again')
    await waitFor(async () => (await text(ctx, '[data-testid=pin-key]').catch(() => '')).includes('pinned') && (await text(ctx, '[data-testid=selected-key]')) === keyBefore,
      `key ${keyBefore} still pinned after the reload (pin: ${await text(ctx, '[data-testid=pin-key]').catch(() => 'none')}, key: ${await text(ctx, '[data-testid=selected-key]').catch(() => 'none')})`)
    await ctx.page.click('[data-testid=pin-key]') // unpinned: the steps below follow each step's key
    await ctx.page.click('[data-testid=tab-outputs]')
    assert((await editorValue(ctx)) === edited, 'the editor holds the source the session runs')
    assert((await text(ctx, '[data-testid=job-name]')).includes('●'), 'the buffer is marked unsaved (it differs from the file)')
    await shot(ctx, '40-reattached-after-reload.png')
    await steps(ctx, 1)
    assert((await stepNo(ctx)) === 4, 'it steps on from where it was')
    // Back one step, the timeline still reaches step 4; after a reload too.
    await ctx.page.click('[data-testid=step-back]')
    await waitFor(async () => (await text(ctx, '[data-testid=timeline-pos]')) === 'step 3 / 4', 'step 3 of the 4 reached')
    await reloadApp(ctx)
    await waitFor(async () => (await stepNo(ctx)) === 3 && (await phase(ctx)) === 'ready', 'the session back at step 3')
    await waitFor(async () => (await text(ctx, '[data-testid=timeline-pos]')) === 'step 3 / 4',
      `the timeline still reaches step 4 after the reload (it shows ${await text(ctx, '[data-testid=timeline-pos]')})`)
    await steps(ctx, 1) // back at step 4, where the next scenario expects the session
  }],

  ['a socket closed under a running session is a clear error; a reload brings the session back at its step', async (ctx) => {
    // Keep a handle on the page's WebSockets (from the next load on), as a network failure would need.
    await ctx.page.addInitScript(() => {
      const Native = window.WebSocket
      window.__sockets = []
      window.WebSocket = class extends Native { constructor(...a) { super(...a); window.__sockets.push(this) } }
    })
    await reloadApp(ctx)
    await waitFor(async () => (await stepNo(ctx)) === 4, 'reattached at step 4')
    await ctx.page.evaluate(() => window.__sockets.at(-1).close(4000, 'chaos test'))
    const banner = await waitFor(async () => text(ctx, '[data-testid=connection-lost]'), 'the connection-lost banner')
    assert(/Lost the connection/.test(banner) && /Reload the page to reattach to the session: it waits 30 s/.test(banner), `a clear message: ${banner}`)
    assert((await phase(ctx)) === 'failed', 'the replay stopped')
    await shot(ctx, '41-socket-closed.png')
    await reloadApp(ctx)
    await waitFor(async () => (await stepNo(ctx)) === 4 && (await phase(ctx)) === 'ready', 'the session back at step 4')
    assert((await ctx.page.locator('[data-testid=connection-lost]').count()) === 0, 'the banner is gone')
    await serviceAlive(ctx)
  }],

  ['a reload of a session the job\'s throw stopped shows it stopped there again: the error, its line, no Step', async (ctx) => {
    const throwing = ctx.state.seedSource.replace('const now = ctx.timestamp()!',
      'const now = ctx.timestamp()!\n    if (event.user_id === \'u2\') throw new Error(\'bad user u2\')')
    assert(throwing !== ctx.state.seedSource, 'the seed has the line the test changes')
    const throwLine = throwing.split('\n').findIndex((l) => l.includes('bad user u2')) + 1
    await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
    await replaceSource(ctx, throwing)
    await startSession(ctx)
    await ctx.page.keyboard.press('F5')
    await waitFor(async () => (await phase(ctx)) === 'failed', 'the throw at u2\'s first event')
    // The phase can turn before the status bar's step does (it is refreshed after): wait for the step itself.
    const failedAt = await waitFor(async () => { const s = await stepNo(ctx); return s > 0 ? s : null }, 'the failed step in the status bar')
    await reloadApp(ctx)
    await waitFor(async () => (await stepNo(ctx)) === failedAt, `the session back at step ${failedAt} after the reload`)
    const banner = await waitFor(async () => ((await ctx.page.locator('[data-testid=job-error]').count()) ? text(ctx, '[data-testid=job-error]') : null),
      'the job\'s error shown again after the reload')
    assert(banner.includes('JOB_THREW') && banner.includes('bad user u2') && banner.includes(`:${throwLine}`), `the banner names the throw and its line: ${banner}`)
    assert((await phase(ctx)) === 'failed', `the phase says failed, not ${await phase(ctx)}`)
    assert(await ctx.page.locator('[data-testid=step]').isDisabled(), 'Step is disabled, as before the reload')
    await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.diagnostics())).some((d) => d.line === throwLine), `the editor marks line ${throwLine} again`)
    await shot(ctx, '40b-failed-session-reattached.png')
    // Time travel still works from there, and the session goes on as before the reload.
    await ctx.page.keyboard.press('Shift+F10')
    await waitFor(async () => (await stepNo(ctx)) === failedAt - 1 && (await phase(ctx)) === 'ready', 'a step back from the failed step')
    await replaceSource(ctx, ctx.state.seedSource)
  }],

  ['process.exit in the job kills its worker: a clear WORKER_DIED error, and the service goes on', async (ctx) => {
    const dying = ctx.state.seedSource.replace('const now = ctx.timestamp()!',
      'const now = ctx.timestamp()!\n    if (this.eventCount.value() === 2) process.exit(3)')
    await replaceSource(ctx, dying)
    await startSession(ctx)
    await ctx.page.click('[data-testid=continue]')
    const banner = await waitFor(async () => text(ctx, '[data-testid=job-error]'), 'the worker-died banner')
    assert(banner.includes("The session's worker died") && banner.includes('WORKER_DIED') && /exited with code 3/.test(banner), `banner: ${banner}`)
    await waitFor(async () => ['failed', 'ended'].includes(await phase(ctx)), 'the session ended')
    await shot(ctx, '42-worker-died.png')
    await serviceAlive(ctx)
  }],

  ['out of memory in the worker is a clear WORKER_OUT_OF_MEMORY error; an orphaned session closes after the wait', async (ctx) => {
    // A second service with a small worker heap and a 2 s reattach wait.
    const server = await startServer(ctx.project, { RIFFLE_WORKER_HEAP_MB: '128', RIFFLE_REATTACH_MS: '2000' })
    const context = await launchChromium()
    try {
      const page = await context.newPage()
      const c = { ...ctx, page, server }
      await page.goto(server.url)
      await page.waitForSelector('#editor .monaco-editor .view-lines', { timeout: 20_000 })
      await waitFor(async () => (await text(c, '[data-testid=job-name]')).includes('sessionizer-seed.ts'), 'the app with its default job')
      const hog = ctx.state.seedSource.replace('const now = ctx.timestamp()!',
        'const now = ctx.timestamp()!\n    const hog: number[][] = []\n    for (;;) hog.push(new Array(1e6).fill(now))')
      await replaceSource(c, hog)
      await startSession(c)
      await page.click('[data-testid=step]')
      const banner = await waitFor(async () => text(c, '[data-testid=job-error]'), 'the out-of-memory banner', 30_000)
      assert(banner.includes('The session ran out of memory') && banner.includes('WORKER_OUT_OF_MEMORY') && /128 MB/.test(banner), `banner: ${banner}`)
      await shot(c, '43-worker-out-of-memory.png')
      // An orphan: start a session, leave the page; its worker thread is gone after the 2 s wait.
      await replaceSource(c, ctx.state.seedSource)
      await startSession(c)
      const threads = () => readFileSync(`/proc/${server.pid}/status`, 'utf8').match(/Threads:\s+(\d+)/)[1] * 1
      const withSession = threads()
      await page.close()
      await waitFor(async () => threads() < withSession, 'the orphaned session\'s worker thread gone', 10_000)
      assert(server.alive(), 'the service is alive')
    } finally {
      await context.close().catch(() => {})
      server.stop()
    }
  }],
]
