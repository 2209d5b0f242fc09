// The key detail pane's Watch list (VS Code's WATCH view): expressions typed by the user, in the job's language,
// evaluated again at every stop for the selected key. Two watches on the seed sessionizer change as it steps and go
// back on a step back; an error shows in the error colour; a row is edited (double-click) and removed; one that never
// returns is stopped by the watchdog while the session stays where it was; the list is kept per job file, so the
// Python twin has its own, whose Python expressions follow its steps the same way.
import { assert, waitFor } from './harness.mjs'
import { phase, selectOptionContaining, shot, stepNo, text } from './ui.mjs'
import { clearBreakpoints, loadSeed, pickRecording, restart } from './debugger-ui.mjs'

const T0 = 1708848000000 // u1's first click in clicks-small (u2's at T0 + 60 s, u1's second at T0 + 90 s)

const row = (ctx, expr) => ctx.page.locator(`[data-testid=watch-row][data-expression="${expr.replace(/"/g, '\\"')}"]`)
const shown = (ctx, expr) => row(ctx, expr).locator('[data-testid=watch-value]').innerText()

/** Waits until the row for `expr` shows `want` (its text starts with it: a time value has its readable time after it). */
export async function rowShows(ctx, expr, want) {
  await waitFor(async () => (await shown(ctx, expr).catch(() => '')).trim().startsWith(want), `watch ${expr} = ${want} (shows ${await shown(ctx, expr).catch(() => 'no row')})`)
}

export async function removeAllWatches(ctx) {
  const rows = ctx.page.locator('[data-testid=watch-row]')
  while ((await rows.count()) > 0) {
    const n = await rows.count()
    await rows.first().hover()
    await rows.first().locator('[data-testid=watch-remove]').click()
    await waitFor(async () => (await rows.count()) === n - 1, 'a watch removed')
  }
}

/** The seed over the scenario's recording, no breakpoints, restarted, with the Watch section open and empty. */
async function seedWithEmptyWatchList(ctx) {
  await loadSeed(ctx)
  await pickRecording(ctx, ctx.recording)
  await clearBreakpoints(ctx)
  await restart(ctx)
  if ((await ctx.page.getAttribute('[data-testid=watch-toggle]', 'aria-expanded')) !== 'true') await ctx.page.click('[data-testid=watch-toggle]')
  await removeAllWatches(ctx)
}

export async function addWatch(ctx, expr) {
  const n = await ctx.page.locator('[data-testid=watch-row]').count()
  await ctx.page.fill('[data-testid=watch-add]', expr)
  await ctx.page.press('[data-testid=watch-add]', 'Enter')
  await waitFor(async () => (await ctx.page.locator('[data-testid=watch-row]').count()) === n + 1, `the watch ${expr} added`)
  assert((await ctx.page.inputValue('[data-testid=watch-add]')) === '', 'the input is emptied for the next one')
}

async function step(ctx, key, n) {
  await ctx.page.keyboard.press(key)
  await waitFor(async () => (await stepNo(ctx)) === n, `step ${n}`)
}

/**
 * Whether a user sees the element without scrolling: inside the window, and what is drawn at its middle is it (not
 * cut off by a pane that scrolls it out of sight).
 */
function inView(ctx, locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect()
    if (r.height === 0 || r.top < 0 || r.bottom > window.innerHeight) return false
    const hit = document.elementFromPoint(r.left + Math.min(20, r.width / 2), r.top + r.height / 2)
    return hit !== null && el.contains(hit)
  })
}

async function pin(ctx, on) {
  const pinned = (await text(ctx, '[data-testid=pin-key]')).includes('pinned')
  if (pinned !== on) await ctx.page.click('[data-testid=pin-key]')
}

export const watchScenarios = [
  ['Watch: two expressions on the seed sessionizer change as it steps and go back on a step back; errors, edit, remove; kept per job', async (ctx) => {
    const errorsBefore = ctx.consoleErrors.length
    await seedWithEmptyWatchList(ctx)
    // No key selected at step 0: the rows say so.
    await addWatch(ctx, 'event_count')
    await addWatch(ctx, 'event?.ts')
    await rowShows(ctx, 'event_count', 'select a key')
    // Step 1 is u1's first click: the step selects u1; pinned, the next steps keep it.
    await step(ctx, 'F10', 1)
    await waitFor(async () => (await text(ctx, '[data-testid=selected-key]').catch(() => '')) === '"u1"', 'u1 selected')
    await pin(ctx, true)
    await rowShows(ctx, 'event_count', '1')
    await rowShows(ctx, 'event?.ts', String(T0))
    await step(ctx, 'F10', 2) // u2's click: u1's count stays, the event is u2's
    await rowShows(ctx, 'event_count', '1')
    await rowShows(ctx, 'event?.ts', String(T0 + 60_000))
    await step(ctx, 'F10', 3) // u1's second click
    await rowShows(ctx, 'event_count', '2')
    await rowShows(ctx, 'event?.ts', String(T0 + 90_000))
    // An expression that throws: its error, in the error colour; the others keep their values.
    await addWatch(ctx, 'nope.deeper')
    await rowShows(ctx, 'nope.deeper', 'ReferenceError: nope is not defined')
    const color = await row(ctx, 'nope.deeper').locator('[data-testid=watch-error-value]').evaluate((el) => getComputedStyle(el).color)
    assert(color === 'rgb(255, 107, 107)', `the error is in the error colour (${color})`)
    await ctx.page.setViewportSize({ width: 1440, height: 900 })
    await ctx.page.waitForTimeout(200)
    await shot(ctx, 'watch-01-seed-step3-1440.png')
    await ctx.page.setViewportSize({ width: 1024, height: 700 })
    try {
      await ctx.page.waitForTimeout(300)
      // The pane is short at 700 px: the Watch list is docked under the state and timers, in view without a scroll.
      await shot(ctx, 'watch-02-seed-step3-1024.png')
      // Each row's parts stay inside the pane at 1024 px.
      const pane = await ctx.page.locator('[data-testid=key-detail]').boundingBox()
      for (const r of await ctx.page.locator('[data-testid=watch-row]').all()) {
        const b = await r.boundingBox()
        assert(b.x >= pane.x - 1 && b.x + b.width <= pane.x + pane.width + 1, `a watch row stays in the pane (${JSON.stringify(b)} in ${JSON.stringify(pane)})`)
      }
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
    }
    // Step back: the values of step 2 again.
    await step(ctx, 'Shift+F10', 2)
    await rowShows(ctx, 'event_count', '1')
    await rowShows(ctx, 'event?.ts', String(T0 + 60_000))
    // Edit by double-click: the new expression is evaluated at once.
    await row(ctx, 'event_count').locator('.expr').dblclick()
    await ctx.page.fill('[data-testid=watch-edit-input]', 'event_count * 10')
    await ctx.page.press('[data-testid=watch-edit-input]', 'Enter')
    await rowShows(ctx, 'event_count * 10', '10')
    // Remove the failing one.
    await row(ctx, 'nope.deeper').hover()
    await row(ctx, 'nope.deeper').locator('[data-testid=watch-remove]').click()
    await waitFor(async () => (await row(ctx, 'nope.deeper').count()) === 0, 'the failing watch removed')
    // One that never returns: the watchdog stops it, the session stays at step 2, the others keep their values.
    const LOOP = '(() => { for (;;) {} })()'
    await addWatch(ctx, LOOP)
    await waitFor(async () => /did not return within/.test(await shown(ctx, LOOP)), 'the watchdog to stop the endless watch', 90_000)
    assert(/edit it to try again/.test(await shown(ctx, LOOP)), `the row says what happens next: ${await shown(ctx, LOOP)}`)
    assert((await stepNo(ctx)) === 2 && (await phase(ctx)) === 'ready', `the session is still at step 2 (${await stepNo(ctx)}, ${await phase(ctx)})`)
    await rowShows(ctx, 'event_count * 10', '10')
    await rowShows(ctx, 'event?.ts', String(T0 + 60_000))
    await shot(ctx, 'watch-04-stopped-by-watchdog-1440.png')
    await step(ctx, 'F10', 3) // not evaluated again: the step is not held up by the watchdog
    await rowShows(ctx, 'event_count * 10', '20')
    await row(ctx, LOOP).hover()
    await row(ctx, LOOP).locator('[data-testid=watch-remove]').click()
    await waitFor(async () => (await row(ctx, LOOP).count()) === 0, 'the endless watch removed')
    // Kept per job file, in the app's storage.
    const kept = await ctx.page.evaluate(() => JSON.parse(localStorage.getItem('riffle.watches') ?? '{}'))
    const lists = Object.entries(kept).filter(([path]) => path.endsWith('sessionizer-seed.ts')).map(([, e]) => e.list)
    assert(lists.length === 1 && JSON.stringify(lists[0]) === JSON.stringify(['event_count * 10', 'event?.ts']), `the seed's watches are kept: ${JSON.stringify(kept)}`)

    // The Python twin: its own (empty) list, Python expressions.
    await pin(ctx, false)
    await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.py')
    await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('sessionizer-seed.py'), 'the Python job')
    await waitFor(async () => (await ctx.page.locator('[data-testid=watch-row]').count()) === 0, "the Python job's own watch list")
    await ctx.page.click('[data-testid=start]') // Pyodide's start may take long on a loaded machine
    await waitFor(async () => (await phase(ctx)) === 'ready' && (await stepNo(ctx)) === 0, 'the Python session at step 0', 120_000)
    await addWatch(ctx, 'event_count')
    await addWatch(ctx, 'event["ts"] if event else None')
    await step(ctx, 'F10', 1)
    await waitFor(async () => (await text(ctx, '[data-testid=selected-key]').catch(() => '')) === '"u1"', 'u1 selected (Python)')
    await pin(ctx, true)
    await rowShows(ctx, 'event_count', '1')
    await rowShows(ctx, 'event["ts"] if event else None', String(T0))
    await step(ctx, 'F10', 2)
    await step(ctx, 'F10', 3)
    await rowShows(ctx, 'event_count', '2')
    await rowShows(ctx, 'event["ts"] if event else None', String(T0 + 90_000))
    await shot(ctx, 'watch-03-python-step3-1440.png')
    await step(ctx, 'Shift+F10', 2)
    await rowShows(ctx, 'event_count', '1')
    await rowShows(ctx, 'event["ts"] if event else None', String(T0 + 60_000))
    await removeAllWatches(ctx)
    await pin(ctx, false)
    // Back on the seed, its list comes back.
    await loadSeed(ctx)
    await waitFor(async () => (await ctx.page.locator('[data-testid=watch-row]').count()) === 2, "the seed's watches again")
    await removeAllWatches(ctx)
    const errors = ctx.consoleErrors.slice(errorsBefore).filter((e) => !/WebSocket connection to .* failed/.test(e))
    assert(errors.length === 0, `no console errors: ${JSON.stringify(errors.slice(0, 5))}`)
  }],
  ['Watch at 1024 × 700: docked under the key detail, every row in view after a step without scrolling; at 1440 × 900 too', async (ctx) => {
    await seedWithEmptyWatchList(ctx)
    await addWatch(ctx, 'event_count')
    await addWatch(ctx, 'event?.ts')
    try {
      for (const [width, height] of [[1024, 700], [1440, 900]]) {
        await ctx.page.setViewportSize({ width, height })
        await restart(ctx)
        for (let n = 1; n <= 3; n++) await step(ctx, 'F10', n) // u1's second click: its state and two timers
        await step(ctx, 'F10', 4)
        await waitFor(async () => (await text(ctx, '[data-testid=selected-key]').catch(() => '')) !== '', 'the step\'s key selected')
        await waitFor(async () => !/not evaluated|…/.test(await shown(ctx, 'event?.ts').catch(() => '…')), 'the watch evaluated after the step')
        const detail = await ctx.page.locator('[data-testid=key-detail]').evaluate((pane) => {
          const el = pane.querySelector('[data-testid=key-detail-scroll]') ?? pane // what scrolls the key's detail
          return { overflows: el.scrollHeight > el.clientHeight, top: el.scrollTop }
        })
        if (width === 1024) assert(detail.overflows, `at 1024 × 700 the key's detail is longer than its pane (the case where the Watch list was out of sight): ${JSON.stringify(detail)}`)
        await ctx.page.waitForTimeout(200)
        await shot(ctx, `watch-05-docked-step4-${width}.png`)
        for (const loc of [ctx.page.locator('[data-testid=watch-toggle]'), row(ctx, 'event_count'), row(ctx, 'event?.ts'), ctx.page.locator('[data-testid=watch-add]')]) {
          assert(await inView(ctx, loc), `at ${width} × ${height}, ${await loc.getAttribute('data-expression') ?? await loc.getAttribute('data-testid')} is in view without scrolling`)
        }
        // The state above it still reads (and scrolls, when long).
        assert(await inView(ctx, ctx.page.locator('[data-testid=selected-key]')), `at ${width}, the selected key's title is in view`)
      }
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
    }
    await removeAllWatches(ctx)
  }],
  ['Watch: a step (F10) pressed while the watchdog stops an endless watch waits for it and then steps; the error is the watch row\'s alone', async (ctx) => {
    await loadSeed(ctx)
    await clearBreakpoints(ctx)
    await restart(ctx)
    if ((await ctx.page.getAttribute('[data-testid=watch-toggle]', 'aria-expanded')) !== 'true') await ctx.page.click('[data-testid=watch-toggle]')
    await removeAllWatches(ctx)
    await step(ctx, 'F10', 1)
    await waitFor(async () => (await text(ctx, '[data-testid=selected-key]').catch(() => '')) !== '', 'a key selected')
    const toastsBefore = await ctx.page.locator('[data-testid=toast-text]').count()
    const LOOP = '(() => { for (;;) {} })()'
    await addWatch(ctx, LOOP)
    await ctx.page.keyboard.press('F10') // while the session's worker is in the endless watch
    await waitFor(async () => /did not return within/.test(await shown(ctx, LOOP)), 'the watchdog to stop the endless watch', 90_000)
    await waitFor(async () => (await stepNo(ctx)) === 2, 'the step, once the session is back', 60_000)
    assert((await phase(ctx)) === 'ready', `the replay is ready at step 2, not failed: ${await phase(ctx)}`)
    const toasts = await ctx.page.locator('[data-testid=toast-text]').allInnerTexts()
    assert(!toasts.some((t) => /watch expression/.test(t)), `no toast gives the watch's error as the step's: ${JSON.stringify(toasts.slice(toastsBefore))}`)
    await shot(ctx, 'watch-06-step-while-watch-stopped-1440.png')
    await row(ctx, LOOP).hover()
    await row(ctx, LOOP).locator('[data-testid=watch-remove]').click()
    await waitFor(async () => (await row(ctx, LOOP).count()) === 0, 'the endless watch removed')
  }],  ['Watch: an endless watch beside another, a step (F10) pressed while the list is asked, is stopped once and then shown stopped', async (ctx) => {
    await loadSeed(ctx)
    await clearBreakpoints(ctx)
    await restart(ctx)
    if ((await ctx.page.getAttribute('[data-testid=watch-toggle]', 'aria-expanded')) !== 'true') await ctx.page.click('[data-testid=watch-toggle]')
    await removeAllWatches(ctx)
    await step(ctx, 'F10', 1)
    await waitFor(async () => (await text(ctx, '[data-testid=selected-key]').catch(() => '')) !== '', 'a key selected')
    // The session.watch requests on the app's WebSocket, to count the watchdog's stops.
    const cdp = await ctx.page.context().newCDPSession(ctx.page)
    await cdp.send('Network.enable')
    const asking = new Map() // request id -> the expressions asked
    const stops = []
    cdp.on('Network.webSocketFrameSent', ({ response }) => {
      const m = JSON.parse(response.payloadData)
      if (m.name === 'session.watch') asking.set(m.id, m.args[3])
    })
    cdp.on('Network.webSocketFrameReceived', ({ response }) => {
      const m = JSON.parse(response.payloadData)
      if (!asking.has(m.id)) return
      // A stop the session names answers the list with that entry `stopped`; one it cannot name fails the request.
      if (m.ok === false && m.error.code === 'JOB_TIMEOUT') stops.push(asking.get(m.id))
      if (m.ok === true) for (const w of m.result) if (w.stopped === true) stops.push([w.expression])
      asking.delete(m.id)
    })
    const A = '40 + 2'
    const LOOP = '(() => { for (;;) {} })()'
    await addWatch(ctx, A)
    await rowShows(ctx, A, '42')
    await addWatch(ctx, LOOP) // the list [A, LOOP] is asked at once
    await ctx.page.keyboard.press('F10') // while the session's worker is in the endless watch
    await waitFor(async () => /never returned: stopped/.test(await shown(ctx, LOOP)), 'the watchdog to stop the endless watch', 90_000)
    await waitFor(async () => (await stepNo(ctx)) === 2, 'the step, once the session is back', 60_000)
    await rowShows(ctx, A, '42')
    await waitFor(async () => asking.size === 0, 'every watch request answered', 90_000)
    // Another step: the other watch is asked again, the endless one is not (it shows stopped until edited).
    await step(ctx, 'F10', 3)
    await waitFor(async () => asking.size === 0, 'the step\'s watch requests answered', 90_000)
    await rowShows(ctx, A, '42')
    assert(/never returned: stopped/.test(await shown(ctx, LOOP)), `the endless watch shows stopped: ${await shown(ctx, LOOP)}`)
    assert(stops.length === 1, `the watchdog stopped the endless watch once, not ${stops.length} times: ${JSON.stringify(stops)}`)
    assert((await phase(ctx)) === 'ready', `the replay is ready at step 3: ${await phase(ctx)}`)
    await shot(ctx, 'watch-07-endless-beside-another-stopped-once-1440.png')
    await cdp.detach()
    await removeAllWatches(ctx)
  }],
]

/** Added after the original list (scenarios.mjs runs them last). */
export const watchLateScenarios = [
  // Two watches that begin alike (recent_failures.length, recent_failures.map(…)) read as "recent_failures… = 1" and
  // "recent_failures… = [..]": the expression was cut at 45 % of the narrow pane, so the rows could not be told apart.
  ['Watch: a long expression is shown whole (wrapped in its column), not cut to an ellipsis, at 1440 × 900 and 1024 × 700', async (ctx) => {
    await seedWithEmptyWatchList(ctx)
    const exprs = ['session_start + event_count * 1000', 'session_start + event_count * 2000']
    for (const e of exprs) await addWatch(ctx, e)
    try {
      for (const [width, height] of [[1440, 900], [1024, 700]]) {
        await ctx.page.setViewportSize({ width, height })
        await restart(ctx)
        await step(ctx, 'F10', 1)
        await rowShows(ctx, exprs[0], String(T0 + 1000))
        await ctx.page.waitForTimeout(200)
        await shot(ctx, `watch-08-long-expressions-${width}.png`)
        for (const e of exprs) {
          const fit = await row(ctx, e).locator('.expr').evaluate((el) => ({ text: el.innerText.replace(/\s+/g, ''), cutX: el.scrollWidth > el.clientWidth + 1, cutY: el.scrollHeight > el.clientHeight + 1 }))
          assert(fit.text === e.replace(/\s+/g, '') && !fit.cutX && !fit.cutY, `at ${width} × ${height} the watch ${e} is shown whole: ${JSON.stringify(fit)}`)
        }
      }
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
    }
    await removeAllWatches(ctx)
  }],
]
