// App leftovers as a user meets them: an example picked, or a Start pressed, while a reload reattaches wins over the
// reattached session; the key detail of a pinned key says it does not exist at a step before its first record; the
// key list's foot behind a run ("(catching up)", now "(behind)") keeps to one line at 1024, 1440 and 1920 px; Compare
// with a run restarted mid-way pairs both up to where it stood; a pick while a reopened window restores the last
// session wins too.
import { assert, waitFor } from './harness.mjs'
import { clearBreakpoints, openTab, restart, runToEnd, steps } from './debugger-ui.mjs'
import { goToStep } from './scenarios-app36.mjs'
import { phase, seedOnSmall, selectKey, selectOptionContaining, shot, startSession, stepNo, text } from './ui.mjs'

/** The key list's foot: its text, its title, and whether it is drawn on one line (its height is one line's). */
const footBox = (ctx) => ctx.page.$eval('[data-testid=key-list-foot]', (el) => {
  const cs = getComputedStyle(el)
  const line = parseFloat(cs.lineHeight) || parseFloat(cs.fontSize) * 1.3
  const inner = el.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom)
  return { text: el.textContent, title: el.title, oneLine: inner < line * 1.5, inner, line, clipped: el.scrollWidth > el.clientWidth }
})

const HELD_MS = 4_000

/**
 * In a tab of its own (its reload must reattach its own session, and the delay must not slow the other scenarios): a
 * session of the seed at step 2, then a reload whose session.attach the service answers HELD_MS late, as on a loaded
 * machine (the request is held back); `fn` acts while the reattach is in flight.
 */
async function whileReattachIsHeld(ctx, fn) {
  const page = await ctx.page.context().newPage()
  const tab = { ...ctx, page }
  let delay = 0
  try {
    await page.routeWebSocket(/.*/, (ws) => {
      const server = ws.connectToServer()
      ws.onMessage((m) => {
        if (delay > 0 && String(m).includes('"session.attach"')) setTimeout(() => server.send(m), delay)
        else server.send(m)
      })
    })
    await page.goto(ctx.server.url)
    await page.waitForSelector('#editor .monaco-editor .view-lines', { timeout: 20_000 })
    await seedOnSmall(tab)
    await startSession(tab)
    await steps(tab, 2)
    delay = HELD_MS
    await page.reload()
    await page.waitForSelector('#editor .monaco-editor .view-lines', { timeout: 20_000 })
    assert((await phase(tab)) === 'idle', `the reattach is still in flight when the user acts (phase ${await phase(tab)})`)
    await fn(tab)
  } finally {
    delay = 0
    await page.close()
  }
}

export const app39Scenarios = [
  ['reattach: an example picked while a reload is still reattaching its session stays on screen (the reattach put the session\'s job back over it)', async (ctx) => {
    await whileReattachIsHeld(ctx, async (tab) => {
      await selectOptionContaining(tab, '[data-testid=examples]', 'running-count.ts')
      await waitFor(async () => (await text(tab, '[data-testid=job-name]')).includes('running-count.ts'), 'the picked example\'s name')
      // The reattach lands: the session is back at its step, and the pick is still on screen.
      await waitFor(async () => (await phase(tab)) === 'ready' && (await stepNo(tab)) === 2, 'the session reattached at step 2', 20_000)
      await new Promise((r) => setTimeout(r, 500))
      const name = await text(tab, '[data-testid=job-name]')
      const source = await tab.page.evaluate(() => window.__riffleEditor.getValue())
      await shot(tab, 'app39-pick-during-reattach.png')
      assert(name.includes('running-count.ts'), `the picked example is still the job on screen after the reattach (it shows ${name})`)
      assert(source.includes('class EventCounter'), 'the editor holds the picked example\'s source')
      // The session runs on with the seed: Restart is marked, as after any edit since the session started.
      assert(await tab.page.locator('[data-testid=edited-mark]').count() === 1, 'Restart says the job on screen is not the one the session runs')
    })
  }],
  ['reattach: a Start pressed while a reload is still reattaching keeps the new session (the reattach made the old one the page\'s again)', async (ctx) => {
    await whileReattachIsHeld(ctx, async (tab) => {
      await selectOptionContaining(tab, '[data-testid=examples]', 'running-count.ts')
      await waitFor(async () => (await text(tab, '[data-testid=job-name]')).includes('running-count.ts'), 'the picked example\'s name')
      await selectOptionContaining(tab, '[data-testid=recording]', ctx.recording)
      await startSession(tab)
      await steps(tab, 1)
      // The held attach answers now; the page must stay with the session the user started.
      await new Promise((r) => setTimeout(r, HELD_MS + 1_500))
      await shot(tab, 'app39-start-during-reattach.png')
      assert((await stepNo(tab)) === 1 && (await phase(tab)) === 'ready', `the new session at its step 1 (step ${await stepNo(tab)}, ${await phase(tab)})`)
      assert((await text(tab, '[data-testid=job-name]')).includes('running-count.ts'), 'the started job is still on screen')
      assert(await tab.page.locator('[data-testid=edited-mark]').count() === 0, 'Restart is not marked: the session runs the job on screen')
      await steps(tab, 1)
      const detail = await text(tab, '[data-testid=key-detail]')
      assert(/count/.test(detail), `the key detail is the running count's (its state "count"): ${detail.slice(0, 200)}`)
    })
  }],
  ['key detail: a pinned key sought back before its first record says it does not exist at that step, and shows its state again past it', async (ctx) => {
    await seedOnSmall(ctx)
    await clearBreakpoints(ctx)
    await restart(ctx)
    await goToStep(ctx, 13) // u4's first event is the recording's 11th
    await selectKey(ctx, '"u4"')
    if (!(await text(ctx, '[data-testid=pin-key]')).includes('pinned')) await ctx.page.click('[data-testid=pin-key]')
    await goToStep(ctx, 4)
    const gone = await waitFor(async () => {
      const n = await ctx.page.locator('[data-testid=key-not-reached]').count()
      return n > 0 ? text(ctx, '[data-testid=key-not-reached]') : null
    }, 'the key detail to say u4 does not exist at step 4')
    await shot(ctx, 'app39-key-not-reached.png')
    assert(/Key "u4" does not exist at step 4/.test(gone), `it names the key and the step: ${gone}`)
    assert(!(await text(ctx, '[data-testid=key-detail]')).includes('No pending timers'), 'no empty state and timers, as if the key existed')
    await goToStep(ctx, 13)
    await waitFor(async () => (await ctx.page.locator('[data-testid=key-not-reached]').count()) === 0 &&
      (await ctx.page.locator('[data-testid=key-detail] [data-testid=state-value]').count()) > 0, 'u4\'s state again at step 13')
    await shot(ctx, 'app39-key-back.png')
    await ctx.page.click('[data-testid=pin-key]') // unpinned again for the scenarios after
  }],
  ['key list: the foot behind a run during Run to end keeps to one line at 1024, 1440 and 1920 px, its whole text in the tooltip', async (ctx) => {
    await selectOptionContaining(ctx, '[data-testid=recording]', 'many-keys.jsonl')
    await selectOptionContaining(ctx, '[data-testid=examples]', 'running-count.ts')
    await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.getValue())).includes('class EventCounter'), 'running-count.ts in the editor')
    const seen = new Map()
    try {
      // A run's stretch behind the status bar lasts a chunk (50,000 steps): a run for each width.
      for (const [width, height] of [[1024, 768], [1440, 900], [1920, 1080]]) {
        await ctx.page.setViewportSize({ width, height })
        await restart(ctx)
        await ctx.page.click('[data-testid=run-to-end]')
        const box = await waitFor(async () => {
          const b = await footBox(ctx)
          // The longest it gets: tens of thousands of keys at a step as far on (a list read at step 0 is short).
          return /\d,\d{3} keys at step [\d,]+ \((catching up|behind)\)/.test(b.text) ? b : null
        }, `the key list's foot to say it is catching up, thousands of keys in, at ${width} px`, 120_000)
        await shot(ctx, `app39-key-foot-${width}.png`)
        seen.set(width, box)
        await waitFor(async () => (await phase(ctx)) === 'finished', 'the run to finish', 120_000)
      }
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
    }
    for (const [width, b] of seen) {
      assert(b.oneLine, `the foot is one line at ${width} px: ${JSON.stringify(b)}`)
      assert(!b.clipped, `nothing of it is cut at ${width} px: ${JSON.stringify(b)}`)
      assert(/^[\d,]+ keys at step [\d,]+: the run is at step [\d,]+\. .*catches up as it goes\.$/.test(b.title), `its whole story is in its tooltip at ${width} px: ${JSON.stringify(b)}`)
    }
    await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
  }],
  ['compare: after a Restart mid-run, this run at its end is compared with the previous one up to the step it was closed at (its later outputs read "added")', async (ctx) => {
    await seedOnSmall(ctx)
    await clearBreakpoints(ctx)
    await restart(ctx)
    await goToStep(ctx, 30)
    await restart(ctx) // the run closed at step 30 is the previous run
    await runToEnd(ctx)
    await openTab(ctx, 'compare')
    await ctx.page.click('[data-testid=compare-run]')
    const summary = await waitFor(async () => {
      const el = ctx.page.locator('[data-testid=compare-summary]')
      return (await el.count()) > 0 ? el.innerText() : null
    }, 'the comparison')
    const range = await text(ctx, '[data-testid=compare-step]')
    await shot(ctx, 'app39-compare-after-restart-mid-run.png')
    assert(/\b0 added · 0 removed · 0 changed/.test(summary), `the same job's outputs up to step 30 all pair: ${summary}`)
    assert(/both runs' outputs up to step 30 \(the previous run was closed there: this run's \d+ later outputs? (is|are) not compared\)/.test(range), `the comparison says its range: ${range}`)
  }],
  ['restore: an example picked while a reopened window restores the last session stays on screen, and the last session is not re-run over it', async (ctx) => {
    const page = await ctx.page.context().newPage()
    const tab = { ...ctx, page }
    let hold = false
    let kept
    try {
      // The remembered job's file is read late, as on a loaded machine (the request is held back).
      await page.routeWebSocket(/.*/, (ws) => {
        const server = ws.connectToServer()
        ws.onMessage((m) => {
          if (hold && String(m).includes('"files.read"') && String(m).includes('sessionizer-seed.ts')) setTimeout(() => server.send(m), HELD_MS)
          else server.send(m)
        })
      })
      await page.goto(ctx.server.url)
      await page.waitForSelector('#editor .monaco-editor .view-lines', { timeout: 20_000 })
      // What a window closed at step 3 of the seed left: a new window (no session to reattach) re-runs it to step 3.
      const pathOf = (sel, name) => waitFor(() => page.$eval(sel, (el, n) => [...el.options].find((o) => o.textContent.includes(n))?.value ?? null, name), `${name} in ${sel}`)
      const last = { jobPath: await pathOf('[data-testid=examples]', 'sessionizer-seed.ts'), jobSource: 'export default 1', recordingPath: await pathOf('[data-testid=recording]', ctx.recording), backend: 'heap', processingTime: 'follow', step: 3 }
      // The other scenarios' remembered session comes back afterwards (localStorage is the browser's, not this tab's).
      kept = await page.evaluate(() => localStorage.getItem('riffle.lastSession'))
      await page.evaluate((l) => localStorage.setItem('riffle.lastSession', JSON.stringify(l)), last)
      hold = true
      await page.reload()
      await page.waitForSelector('#editor .monaco-editor .view-lines', { timeout: 20_000 })
      await selectOptionContaining(tab, '[data-testid=examples]', 'running-count.ts')
      await waitFor(async () => (await text(tab, '[data-testid=job-name]')).includes('running-count.ts'), 'the picked example\'s name')
      await new Promise((r) => setTimeout(r, HELD_MS + 1_500))
      await shot(tab, 'app39-pick-during-restore.png')
      const name = await text(tab, '[data-testid=job-name]')
      assert(name.includes('running-count.ts'), `the picked example is still on screen once the restore's read answered (it shows ${name})`)
      assert((await phase(tab)) === 'idle', `no remembered session was re-run over the pick (phase ${await phase(tab)})`)
      // The window's default recording is chosen, as in a window with nothing to restore: Start works at once.
      const recording = await page.$eval('[data-testid=recording]', (el) => el.selectedOptions[0]?.textContent ?? '')
      assert(recording.includes('clicks-small'), `the default recording is chosen (${recording})`)
    } finally {
      hold = false
      if (kept !== undefined) {
        await page.evaluate((k) => (k === null ? localStorage.removeItem('riffle.lastSession') : localStorage.setItem('riffle.lastSession', k)), kept).catch(() => {})
      }
      await page.close()
    }
  }],
]
