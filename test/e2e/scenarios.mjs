// The E2E scenarios, in order (later ones build on the session the earlier ones leave). Each is
// [behaviour, async (ctx) => void]; assertions read what the user sees on screen.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import WebSocket from 'ws'
import { assert, waitFor } from './harness.mjs'

const TIMEOUT = 30 * 60 * 1000

const shot = (ctx, name) => ctx.page.screenshot({ path: join(ctx.artifacts, name) })
const text = (ctx, sel) => ctx.page.locator(sel).innerText()
const phase = (ctx) => text(ctx, '[data-testid=phase]')
const editorValue = (ctx) => ctx.page.evaluate(() => window.__riffleEditor.getValue())
const diagnostics = (ctx) => ctx.page.evaluate(() => window.__riffleEditor.diagnostics())
const stepNo = async (ctx) => Number((/step ([\d,]+)/.exec(await text(ctx, '[data-testid=status]')) ?? [0, '-1'])[1].replace(/,/g, ''))

async function selectOptionContaining(ctx, selector, needle) {
  const value = await ctx.page.$eval(selector, (el, n) => [...el.options].find((o) => o.textContent.includes(n))?.value ?? null, needle)
  assert(value, `${selector} has an option containing ${needle}`)
  await ctx.page.selectOption(selector, value)
}

/** Replaces the whole editor buffer the way a user pastes: select all, then insert the text. */
async function replaceSource(ctx, source) {
  await ctx.page.click('#editor .view-lines')
  await ctx.page.keyboard.press('Control+A')
  await ctx.page.evaluate((t) => {
    // A clipboard paste into Monaco (typing would auto-indent every line).
    const dt = new DataTransfer()
    dt.setData("text/plain", t)
    document.activeElement.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }))
  }, source)
  await waitFor(async () => (await editorValue(ctx)) === source, 'the editor to hold the new source')
}

async function startSession(ctx) {
  await ctx.page.click('[data-testid=start]')
  await waitFor(async () => ['ready', 'failed', 'finished'].includes(await phase(ctx)), 'the session to start')
}

/** Expected main outputs, from the command line run of the same job over the same recording. */
function cliOutputs(ctx, job) {
  const out = execFileSync(process.execPath, [join(ctx.root, 'bin/riffle.mjs'), 'run', join(ctx.root, job),
    join(ctx.project, 'recordings', ctx.recording), '--out', '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  return out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((o) => !('tag' in o)).map((o) => o.value)
}

async function outputValues(ctx) {
  const cells = await ctx.page.locator('[data-testid=output-log] td.value').allInnerTexts()
  return cells.map((c) => JSON.parse(c))
}

export const scenarios = [
  ['the app loads in browser mode with Monaco, the examples and the recordings', async (ctx) => {
    await ctx.page.goto(ctx.server.url)
    await ctx.page.waitForSelector('#editor .monaco-editor .view-lines', { timeout: 20_000 })
    await waitFor(async () => (await ctx.page.locator('[data-testid=examples] option').count()) > 1, 'the examples menu')
    await waitFor(async () => (await ctx.page.locator('[data-testid=recording] option').count()) > 1, 'the recordings list')
    assert((await text(ctx, '[data-testid=status]')).includes('browser mode'), 'the status line says browser mode')
  }],

  ['opening the seed sessionizer from the examples menu puts it in the editor', async (ctx) => {
    await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.ts')
    await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('sessionizer-seed.ts'), 'the job name')
    const src = await editorValue(ctx)
    assert(src.includes('deleteEventTimeTimer(now)'), 'the seed sessionizer source is in the editor')
    ctx.state.seedSource = src
  }],

  ['Monaco knows the riffle API: a type error against it is a TypeScript marker, and completions offer its names', async (ctx) => {
    await replaceSource(ctx, ctx.state.seedSource + '\nconst probe: number = Duration.ofSeconds(5)\nvoid probe\n')
    const diag = await waitFor(async () => (await diagnostics(ctx)).find((d) => /Duration.*not assignable to type 'number'/.test(d.message)),
      'a TS diagnostic about Duration (from the riffle .d.ts)', 20_000)
    assert(diag.line === ctx.state.seedSource.split('\n').length + 1, `the diagnostic is on the probe line (got ${diag.line})`)
    const clean = (await diagnostics(ctx)).filter((d) => d.line <= ctx.state.seedSource.split('\n').length)
    assert(clean.length === 0, `the seed itself type-checks against riffle (got ${JSON.stringify(clean)})`)
    // Completions come from the same declarations: `Types.` offers LONG.
    await ctx.page.keyboard.press('Control+End')
    await ctx.page.keyboard.type('\nTypes.')
    await ctx.page.keyboard.press('Control+Space')
    await waitFor(async () => (await ctx.page.locator('.suggest-widget .monaco-list-row').allInnerTexts()).some((t) => t.startsWith('LONG')),
      'a completion list offering Types.LONG', 15_000)
    await shot(ctx, '00-intellisense-type-error.png')
    await ctx.page.keyboard.press('Escape')
    await replaceSource(ctx, ctx.state.seedSource)
  }],

  ['picking clicks-small shows its format, event count and time range', async (ctx) => {
    await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
    const info = await waitFor(async () => text(ctx, '[data-testid=recording-info]'), 'the recording summary')
    assert(/jsonl · [\d,]+ events · \d{4}-\d\d-\d\dT.* → \d{4}-/.test(info), `summary shows format, count, range (got ${info})`)
  }],

  ['stepping the buggy sessionizer shows a key with its state and two pending timers (the stale one included)', async (ctx) => {
    await startSession(ctx)
    assert((await phase(ctx)) === 'ready', 'the session is ready')
    let row = null
    for (let i = 0; i < 400 && !row; i++) {
      const before = await stepNo(ctx)
      await ctx.page.keyboard.press('F10')
      await waitFor(async () => (await stepNo(ctx)) > before, 'the step to apply')
      // A key whose row reads "records · entries · 2 timers" (the list refreshes right after the step).
      row = await waitFor(() => ctx.page.evaluate(() => [...document.querySelectorAll('[data-testid=key-list] .row')]
        .find((r) => / · 2$/.test(r.querySelector('.n')?.textContent?.trim() ?? ''))?.getAttribute('data-key') ?? null),
      'a key with two timers', 400).catch(() => null)
    }
    assert(row, 'some key gets two pending timers while stepping')
    await ctx.page.click(`[data-testid=key-list] .row[data-key='${row.replace(/'/g, "\\'")}']`)
    await waitFor(async () => (await text(ctx, '[data-testid=selected-key]')) === row, 'the key detail for ' + row)
    const detail = ctx.page.locator('[data-testid=key-detail]')
    const start = Number((await detail.locator('[data-state=session_start] [data-testid=state-value]').innerText()).split(' ')[0])
    const count = Number((await detail.locator('[data-state=event_count] [data-testid=state-value]').innerText()).split(' ')[0])
    const timerRows = await detail.locator('[data-testid=key-timers] tbody tr').allInnerTexts()
    assert(timerRows.length === 2, `two pending timers (got ${timerRows.length})`)
    const stamps = timerRows.map((r) => Number(r.trim().split(/\s+/)[1])).sort((a, b) => a - b)
    assert(stamps[0] === start + TIMEOUT, `the older timer is the first event's timeout, session_start + 30 min (${stamps[0]} vs ${start + TIMEOUT})`)
    assert(stamps[1] > stamps[0], 'the newer timer is a later event\'s timeout: the first one was never deleted')
    assert(count === 2, `event_count is 2 (got ${count})`)
    ctx.state.key = row
    ctx.state.buggyStart = start
    await shot(ctx, '01-buggy-key-state-two-timers.png')
  }],

  ['the stale timer closes the session 30 minutes after its FIRST event (step to next output)', async (ctx) => {
    const key = ctx.state.key
    let hit = null
    for (let i = 0; i < 200 && !hit; i++) {
      await ctx.page.click('[data-testid=step-output]')
      await waitFor(async () => (await ctx.page.locator('[data-testid=step-output]').isEnabled()) || (await phase(ctx)) === 'finished', 'the step to finish')
      const values = await outputValues(ctx)
      hit = values.find((v) => JSON.stringify(v.user_id) === key)
      if ((await phase(ctx)) === 'finished') break
    }
    assert(hit, `an output for ${key}`)
    assert(hit.session_start === ctx.state.buggyStart, 'the session started at the first event')
    assert(hit.session_end === hit.session_start + TIMEOUT, `it ended at first event + 30 min (${hit.session_end - hit.session_start} ms)`)
    assert(hit.event_count >= 2, 'although a later event extended the session')
    ctx.state.buggySession = hit
    await ctx.page.click(`[data-testid=output-log] tr.out-row:has-text('${key.replace(/"/g, '')}') >> nth=0`)
    await waitFor(async () => (await text(ctx, '[data-testid=selected-key]')) === key, 'clicking the output selects its key')
    await shot(ctx, '02-buggy-session-closed-early.png')
  }],

  ['Next timer (Shift+F11) stops at a timer firing, and the current step shows the timer and its key', async (ctx) => {
    const before = await stepNo(ctx)
    await ctx.page.keyboard.press('Shift+F11')
    await waitFor(async () => (await stepNo(ctx)) > before, 'a step to the next timer')
    await ctx.page.click('[data-testid=tab-step]')
    const panel = await waitFor(async () => text(ctx, '[data-testid=current-step]'), 'the current step panel')
    assert(/· timer/.test(panel) && /timer fired: EVENT_TIME at \d{13} \(\d{4}-/.test(panel), `the step is a timer firing: ${panel}`)
    await shot(ctx, '02b-next-timer.png')
    await ctx.page.click('[data-testid=tab-outputs]')
  }],

  ['fixing the code in the editor and re-running gives the corrected sessions', async (ctx) => {
    const fixed = readFileSync(join(ctx.root, 'examples/sessionizer-fixed.ts'), 'utf8')
    await replaceSource(ctx, fixed)
    await waitFor(async () => (await text(ctx, '[data-testid=start]')).includes('edited'), 'Restart offers the edit')
    await startSession(ctx)
    assert((await phase(ctx)) === 'ready', 'the fixed job compiled and started')
    await ctx.page.click('[data-testid=run-to-end]')
    await waitFor(async () => (await phase(ctx)) === 'finished', 'the run to finish', 60_000)
    const expected = cliOutputs(ctx, 'examples/sessionizer-fixed.ts')
    const total = Number((/(\d+) outputs/.exec(await text(ctx, '.outputs .bar')) ?? [])[1])
    assert(total === expected.length, `the output log has as many sessions as the CLI run (${total} vs ${expected.length})`)
    const key = ctx.state.key
    const mine = expected.filter((v) => JSON.stringify(v.user_id) === key)
    const first = mine[0]
    assert(first && first.session_start === ctx.state.buggySession.session_start, 'the key\'s first session starts at the same event')
    assert(first.session_end > ctx.state.buggySession.session_end, 'and now ends later: 30 min after its last event')
    assert(first.event_count > ctx.state.buggySession.event_count, 'and holds more events')
    // The UI's output log, filtered to the key, shows exactly those sessions.
    await ctx.page.click(`[data-testid=key-list] .row[data-key='${key}']`)
    await ctx.page.click('text=only the selected key')
    await waitFor(async () => (await outputValues(ctx)).length === mine.length, 'the key\'s sessions in the log')
    const shown = await outputValues(ctx)
    assert(JSON.stringify(shown) === JSON.stringify(mine), `the log shows the corrected sessions\n${JSON.stringify(shown)}\n${JSON.stringify(mine)}`)
    await shot(ctx, '03-fixed-sessions.png')
    await ctx.page.click('text=show all')
  }],

  ['charts show watermark lag, throughput and sizes over the run', async (ctx) => {
    await ctx.page.click('[data-testid=tab-charts]')
    await waitFor(async () => (await ctx.page.locator('[data-testid=charts] canvas').count()) >= 3, 'three chart canvases')
    const lagPoints = await ctx.page.evaluate(() => document.querySelectorAll('[data-testid=charts] canvas').length)
    assert(lagPoints >= 3, 'charts rendered')
    await ctx.page.waitForTimeout(400)
    await shot(ctx, '04-charts.png')
    await ctx.page.click('[data-testid=tab-outputs]')
  }],

  ['a compile error is a marker on its line and the session does not start', async (ctx) => {
    const broken = ctx.state.seedSource.replace('const now = ctx.timestamp()!', 'const now = ctx.timestamp()! +* 2')
    const line = broken.split('\n').findIndex((l) => l.includes('+* 2')) + 1
    await replaceSource(ctx, broken)
    await ctx.page.click('[data-testid=start]')
    const banner = await waitFor(async () => text(ctx, '[data-testid=job-error]'), 'the compile error banner')
    assert(/Compile error/.test(banner) && banner.includes(`:${line}`), `banner names the line ${line}: ${banner}`)
    assert((await phase(ctx)) === 'failed', 'the session did not start')
    await shot(ctx, '05-compile-error.png')
  }],

  ['a throwing job pauses at that event with a marker at the throwing line and the event shown', async (ctx) => {
    const throwing = ctx.state.seedSource.replace('const now = ctx.timestamp()!',
      "const now = ctx.timestamp()!\n    if (this.eventCount.value() === 1) throw new Error('second event for ' + event.user_id)")
    const line = throwing.split('\n').findIndex((l) => l.includes("throw new Error('second event")) + 1
    await replaceSource(ctx, throwing)
    await startSession(ctx)
    await ctx.page.click('[data-testid=continue]')
    const banner = await waitFor(async () => text(ctx, '[data-testid=job-error]'), 'the runtime error banner')
    assert(banner.includes('The job threw') && banner.includes(`:${line}`), `banner names line ${line}: ${banner}`)
    assert(/second event for u\d+/.test(banner) && /event \(recording line \d+\)/.test(banner), 'the message and the event are shown')
    await waitFor(async () => (await ctx.page.locator('.riffle-error-line').count()) > 0, 'the throwing line highlighted in the editor', 5_000)
    await waitFor(async () => (await diagnostics(ctx)).find((d) => d.line === line && /second event for u\d+/.test(d.message)),
      'an error marker with the message at the throwing line', 5_000)
    await shot(ctx, '06-runtime-error.png')
  }],

  ['a job that loops forever is stopped by the watchdog with a clear message, and the app stays usable', async (ctx) => {
    const looping = ctx.state.seedSource.replace('const now = ctx.timestamp()!', 'const now = ctx.timestamp()!\n    while (now > 0) { /* forever */ }')
    await replaceSource(ctx, looping)
    await startSession(ctx)
    await ctx.page.click('[data-testid=step]')
    const banner = await waitFor(async () => text(ctx, '[data-testid=job-error]'), 'the watchdog message', 30_000)
    assert(/watchdog/i.test(banner) && banner.includes('JOB_TIMEOUT'), `watchdog banner: ${banner}`)
    // Still usable: the editor takes input and the good job runs again.
    await replaceSource(ctx, ctx.state.seedSource)
    await startSession(ctx)
    await ctx.page.click('[data-testid=step]')
    await waitFor(async () => (await stepNo(ctx)) === 1, 'a step after the watchdog')
    await shot(ctx, '07-after-watchdog.png')
  }],

  ['Stop (Shift+F5) ends a runaway run at once', async (ctx) => {
    const looping = ctx.state.seedSource.replace('const now = ctx.timestamp()!', 'const now = ctx.timestamp()!\n    while (now > 0) { /* forever */ }')
    await replaceSource(ctx, looping)
    await startSession(ctx)
    await ctx.page.click('[data-testid=continue]')
    await ctx.page.waitForTimeout(300)
    const t0 = Date.now()
    await ctx.page.keyboard.press('Shift+F5')
    await waitFor(async () => (await phase(ctx)) === 'ended', 'the session to end', 3_000)
    assert(Date.now() - t0 < 3_000, 'stopped within 3 s, long before the watchdog')
    await replaceSource(ctx, ctx.state.seedSource)
  }],

  ['TTL state shows last access and expiry, and side outputs are in the log linked to their key', async (ctx) => {
    await selectOptionContaining(ctx, '[data-testid=examples]', 'dedup-ttl.ts')
    await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('dedup-ttl.ts'), 'the dedup job')
    await selectOptionContaining(ctx, '[data-testid=recording]', 'payments.jsonl')
    await startSession(ctx)
    await ctx.page.click('[data-testid=step-output]')
    await waitFor(async () => (await stepNo(ctx)) > 0, 'a step to the first output')
    await ctx.page.click('[data-testid=key-list] .row >> nth=0')
    const detail = await waitFor(async () => {
      const t = await text(ctx, '[data-testid=key-detail]')
      return /TTL 1h/.test(t) && /last access/.test(t) && /expires at/.test(t) ? t : null
    }, 'TTL config and stamps in the key detail')
    assert(/\d{13}\s+2024-\d\d-\d\dT/.test(detail), 'stamps shown raw and as ISO time')
    await shot(ctx, '11-ttl-state.png')
    await ctx.page.click('[data-testid=run-to-end]')
    await waitFor(async () => (await phase(ctx)) === 'finished', 'the dedup run', 60_000)
    const side = ctx.page.locator('[data-testid=output-log] tr.out-row.side')
    await waitFor(async () => (await side.count()) > 0, 'side outputs (duplicates) in the log')
    const row = await side.first().innerText()
    assert(row.includes('side: duplicates'), `a side output row names its tag: ${row}`)
    const key = (await side.first().locator('td.key').innerText()).trim()
    await side.first().click()
    await waitFor(async () => (await text(ctx, '[data-testid=selected-key]')) === key, 'clicking the side output selects its key')
    await shot(ctx, '12-side-outputs.png')
    await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.ts')
    await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
  }],

  ['saving into the workspace and opening it again round-trips the job (browser-mode file pickers)', async (ctx) => {
    const edited = ctx.state.seedSource.replace('30 minutes in ms', '30 minutes in ms (saved copy)')
    await replaceSource(ctx, edited)
    assert((await text(ctx, '[data-testid=job-name]')).includes('●'), 'the unsaved marker shows')
    await ctx.page.click('text=Save as…')
    await ctx.page.fill('[data-testid=save-name]', 'my-sessionizer.ts')
    await ctx.page.click('[role=dialog] button[type=submit]')
    await waitFor(async () => (await text(ctx, '[data-testid=job-name]')) === 'my-sessionizer.ts', 'the saved name without the marker')
    assert(readFileSync(join(ctx.project, 'workspace/my-sessionizer.ts'), 'utf8') === edited, 'the file on disk holds the edit')
    await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-fixed.ts')
    await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('sessionizer-fixed.ts'), 'another job loaded')
    await ctx.page.click('[data-testid=open-job]')
    await ctx.page.click('[role=dialog] button:has-text("my-sessionizer.ts")')
    await waitFor(async () => (await editorValue(ctx)) === edited, 'the saved job back in the editor')
  }],

  ['a recording opened by path (in the workspace) replays on the LevelDB backend with the same state', async (ctx) => {
    await ctx.page.click('text=Open path…')
    await ctx.page.fill('[data-testid=recording-path]', 'workspace/my-clicks.jsonl')
    await ctx.page.keyboard.press('Enter')
    await waitFor(async () => (await text(ctx, '[data-testid=recording-info]')).includes('40 events'), 'the opened recording summary')
    await ctx.page.selectOption('[data-testid=backend]', 'leveldb')
    await startSession(ctx)
    assert((await phase(ctx)) === 'ready', 'a LevelDB session started')
    for (let i = 0; i < 3; i++) {
      const before = await stepNo(ctx)
      await ctx.page.click('[data-testid=step]')
      await waitFor(async () => (await stepNo(ctx)) > before, 'a step on LevelDB')
    }
    await ctx.page.click(`[data-testid=key-list] .row[data-key='${ctx.state.key}']`)
    await waitFor(async () => (await ctx.page.locator('[data-testid=key-timers] tbody tr').count()) === 2, 'the two timers on LevelDB too')
    const start = (await ctx.page.locator('[data-state=session_start] [data-testid=state-value]').innerText()).split(' ')[0]
    assert(Number(start) === ctx.state.buggyStart, 'the same session_start as on the heap backend')
    await shot(ctx, '09-leveldb-backend.png')
    await ctx.page.selectOption('[data-testid=backend]', 'heap')
  }],

  ['the key list stays usable with 100 k keys (virtualised, paged)', async (ctx) => {
    await selectOptionContaining(ctx, '[data-testid=examples]', 'running-count.ts')
    await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('running-count.ts'), 'the running-count job')
    await selectOptionContaining(ctx, '[data-testid=recording]', 'many-keys.jsonl')
    await startSession(ctx)
    // Watch the page's frames during the run: the engine is in a worker, so the window must keep painting.
    await ctx.page.evaluate(() => {
      window.__maxFrameGap = 0
      let last = performance.now()
      const tick = (t) => { window.__maxFrameGap = Math.max(window.__maxFrameGap, t - last); last = t; if (!window.__stopFrames) requestAnimationFrame(tick) }
      requestAnimationFrame(tick)
    })
    const t0run = Date.now()
    await ctx.page.click('[data-testid=run-to-end]')
    // The window stays responsive during the run: the status line keeps moving and a click is handled.
    await waitFor(async () => (await stepNo(ctx)) > 0, 'progress during the run', 60_000)
    await waitFor(async () => (await phase(ctx)) === 'finished', 'the 100 k-event run', 120_000)
    const gap = await ctx.page.evaluate(() => { window.__stopFrames = true; return window.__maxFrameGap })
    console.log(`     (100 k events replayed in ${Date.now() - t0run} ms; longest frame gap ${Math.round(gap)} ms)`)
    assert(gap < 500, `the window kept painting during the run (longest frame gap ${Math.round(gap)} ms)`)
    const total = Number((/([\d,]+) keys/.exec(await text(ctx, '.key-list .foot')) ?? [])[1]?.replace(/,/g, ''))
    assert(total === 100_000, `100 000 keys listed (got ${total})`)
    const rowsInDom = await ctx.page.locator('[data-testid=key-list] .row').count()
    assert(rowsInDom < 120, `only visible rows are in the DOM (got ${rowsInDom})`)
    const t0 = Date.now()
    await ctx.page.$eval('[data-testid=key-list]', (el) => { el.scrollTop = el.scrollHeight })
    await waitFor(async () => ctx.page.evaluate(() => [...document.querySelectorAll('[data-testid=key-list] .row')].some((r) => r.getAttribute('data-key'))), 'rows at the bottom')
    assert(Date.now() - t0 < 3_000, 'the end of the list loads within 3 s')
    await ctx.page.fill('[data-testid=key-search]', 'k09999')
    await waitFor(async () => (await text(ctx, '.key-list .foot')).startsWith('10 keys'), 'search narrows the list to k09999x (10 keys)')
    await shot(ctx, '08-many-keys.png')
  }],

  ['the window stays responsive through a 2 M-event run, and Pause stops it mid-way (E2E_2M=1)', async (ctx) => {
    await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-fixed.ts')
    await selectOptionContaining(ctx, '[data-testid=recording]', 'clicks-2m.jsonl')
    await startSession(ctx)
    await ctx.page.evaluate(() => {
      window.__maxFrameGap = 0; window.__stopFrames = false
      let last = performance.now()
      const tick = (t) => { window.__maxFrameGap = Math.max(window.__maxFrameGap, t - last); last = t; if (!window.__stopFrames) requestAnimationFrame(tick) }
      requestAnimationFrame(tick)
    })
    const t0 = Date.now()
    await ctx.page.click('[data-testid=continue]')
    await waitFor(async () => (await stepNo(ctx)) > 50_000, 'progress past 50 k steps', 60_000)
    await ctx.page.click('[data-testid=pause]')
    await waitFor(async () => (await phase(ctx)) === 'ready', 'the pause', 10_000)
    const paused = await stepNo(ctx)
    await ctx.page.waitForTimeout(500)
    assert((await stepNo(ctx)) === paused, 'nothing runs while paused')
    await ctx.page.click('[data-testid=run-to-end]')
    await waitFor(async () => (await phase(ctx)) === 'finished', 'the 2 M-event run to finish', 400_000)
    const gap = await ctx.page.evaluate(() => { window.__stopFrames = true; return window.__maxFrameGap })
    console.log(`     (2 M events in ${Date.now() - t0} ms; longest frame gap ${Math.round(gap)} ms)`)
    assert(gap < 500, `the window kept painting (longest frame gap ${Math.round(gap)} ms)`)
    await ctx.page.click('[data-testid=tab-charts]')
    await ctx.page.waitForTimeout(500)
    await shot(ctx, '10-2m-run-charts.png')
    await ctx.page.click('[data-testid=tab-outputs]')
  }],

  ['browser mode refuses a WebSocket without the token or with a wrong one', async (ctx) => {
    const attempt = (q) => new Promise((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${ctx.server.port}/rpc${q}`)
      ws.on('open', () => { ws.close(); resolve('open') })
      ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)))
      ws.on('error', () => resolve('error'))
    })
    assert((await attempt('')) === '401', 'no token → 401')
    assert((await attempt('?token=wrong')) === '401', 'wrong token → 401')
    assert((await attempt(`?token=${encodeURIComponent(ctx.server.token)}`)) === 'open', 'right token → open')
  }],

  ['npm start falls back to browser mode where Electron cannot start, says why and prints a working URL', async (ctx) => {
    const { spawn } = await import('node:child_process')
    const child = spawn(process.execPath, [join(ctx.root, 'scripts/start.mjs')], {
      cwd: ctx.root, env: { ...process.env, RIFFLE_SKIP_BUILD: '1', RIFFLE_PROJECT_ROOT: ctx.project, RIFFLE_WORKSPACE: join(ctx.project, 'workspace') },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (d) => { out += d })
    try {
      const url = await waitFor(() => (/open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out) ?? [])[1], 'the browser-mode URL', 20_000)
      assert(/Electron cannot start here: .+/.test(out), `it says why: ${out}`)
      const page = await ctx.page.context().newPage()
      await page.goto(url)
      await page.waitForSelector('#editor .monaco-editor .view-lines', { timeout: 20_000 })
      await waitFor(async () => (await page.locator('[data-testid=examples] option').count()) > 1, 'the app served by npm start')
      await page.close()
    } finally {
      child.kill('SIGTERM')
    }
  }],

  ['no console errors in the page', async (ctx) => {
    const errors = ctx.consoleErrors.filter((e) => !/WebSocket connection to .* failed/.test(e))
    assert(errors.length === 0, `console errors: ${JSON.stringify(errors.slice(0, 5))}`)
  }],
]
