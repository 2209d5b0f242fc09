// The E2E's main path, in order (later scenarios build on the session earlier ones leave): the seed
// sessionizer's bug found by stepping and reading a key's state and timers, then fixed in the editor.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { assert, waitFor } from './harness.mjs'
import {
  TIMEOUT, cliOutputs, diagnostics, editorValue, outputValues, phase, replaceSource, selectOptionContaining, shot, startSession, stepNo, text,
} from './ui.mjs'

export const debuggingScenarios = [
  ['the app loads in browser mode with Monaco, the examples and the recordings', async (ctx) => {
    await ctx.page.goto(ctx.server.url)
    await ctx.page.waitForSelector('#editor .monaco-editor .view-lines', { timeout: 20_000 })
    await waitFor(async () => (await ctx.page.locator('[data-testid=examples] option').count()) > 1, 'the examples menu')
    await waitFor(async () => (await ctx.page.locator('[data-testid=recording] option').count()) > 1, 'the recordings list')
    assert((await text(ctx, '[data-testid=status]')).includes('browser mode'), 'the status line says browser mode')
    assert(!ctx.page.url().includes('token='), `the token left the address bar (${ctx.page.url()})`)
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
      // The output log refreshes after the step: read it once it lists every record out (a busy machine answers late).
      await waitFor(async () => (await ctx.page.locator('[data-testid=output-log] tr.out-row').count())
        === Number((await text(ctx, '[data-testid=status-out]')).replace(/\D/g, '')), 'the output log to list the step\'s output')
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
    await waitFor(async () => (await ctx.page.locator('[data-testid=edited-mark]').count()) === 1 && (await ctx.page.getAttribute('[data-testid=start]', 'title')).includes('edited'), 'Restart offers the edit')
    await startSession(ctx)
    assert((await phase(ctx)) === 'ready', 'the fixed job compiled and started')
    await ctx.page.click('[data-testid=run-to-end]')
    await waitFor(async () => (await phase(ctx)) === 'finished', 'the run to finish', 60_000)
    const expected = cliOutputs(ctx, 'examples/sessionizer-fixed.ts')
    const total = Number((/([\d,]+) outputs?\b/.exec(await text(ctx, '.outputs .bar')) ?? [])[1]?.replaceAll(',', ''))
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
    // Sampled by step: the whole 40-event run is drawn (a sample per step, step 0 included), not 2 points.
    const samples = Number(await ctx.page.getAttribute('[data-testid=charts]', 'data-samples'))
    assert(samples > 40, `a chart sample per step of the short run (${samples})`)
    await ctx.page.waitForTimeout(400)
    await shot(ctx, '04-charts.png')
    // At 1024 px each chart's legend keeps its own row under the title (it was drawn over the title).
    await ctx.page.setViewportSize({ width: 1024, height: 700 })
    try {
      await ctx.page.waitForTimeout(400)
      await shot(ctx, '04b-charts-1024.png')
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
    }
    await ctx.page.click('[data-testid=tab-outputs]')
  }],
]
