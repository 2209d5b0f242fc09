// Debugging the code, not just the events (issue 12's Done-when, in the browser): on the buggy seed sessionizer over
// clicks-small, u1's second event (step 3) traces `deleteEventTimeTimer` at line 35 flagged "nothing deleted", the line
// is marked in the editor with its inline value, and the finding is in Problems (click → its step, key, line) and
// a squiggle; a Python `if` line held at the top of the editor (sticky scroll) shows the current step's value; a gutter breakpoint on the `out.collect` line stops Continue at the first timer firing; one on a plain
// line (no Riffle call on it) of failed-logins stops at the first step that runs it, and one on a closing brace is
// unverified (grey), as VS Code shows a breakpoint that can never hit.
import { assert, waitFor } from './harness.mjs'
import { phase, replaceSource, selectOptionContaining, shot, startSession, stepNo, text } from './ui.mjs'
import { editorCall } from './debugger-ui.mjs'

const lineOf = async (ctx, needle) => {
  const src = await ctx.page.evaluate(() => window.__riffleEditor.getValue())
  const i = src.split('\n').findIndex((l) => l.includes(needle))
  assert(i >= 0, `the job has a line with ${needle}`)
  return i + 1
}

async function freshSeedSession(ctx) {
  await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.ts')
  await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.getValue())).includes('deleteEventTimeTimer(now)'), 'the seed in the editor')
  await selectOptionContaining(ctx, '[data-testid=recording]', 'clicks-small')
  await startSession(ctx)
  assert((await phase(ctx)) === 'ready', `the session started (phase ${await phase(ctx)})`)
  await waitFor(async () => (await stepNo(ctx)) === 0, 'a fresh session at step 0')
}

async function stepTo(ctx, n) {
  while ((await stepNo(ctx)) < n) {
    const before = await stepNo(ctx)
    await ctx.page.keyboard.press('F10')
    await waitFor(async () => (await stepNo(ctx)) > before, 'the step to apply')
  }
}

export const traceScenarios = [
  ['trace: u1\'s second event traces deleteEventTimeTimer at line 35 as "nothing deleted", marked in the editor and in Problems', async (ctx) => {
    await freshSeedSession(ctx)
    const deleteLine = await lineOf(ctx, 'deleteEventTimeTimer(now)')
    assert(deleteLine === 35, `the seed's delete is on line 35 (got ${deleteLine})`)
    await stepTo(ctx, 3) // clicks-small: u1, u2, then u1's second event
    await ctx.page.click('[data-testid=tab-trace]')
    await waitFor(async () => (await text(ctx, '[data-testid=trace-step]')) === 'Step 3', 'the trace of step 3')
    const head = await text(ctx, '[data-testid=trace] .head')
    assert(head.includes('"u1"'), `step 3 is u1's (${head})`)
    const del = ctx.page.locator('[data-testid=trace-entry][data-kind=timerDelete]')
    assert((await del.count()) === 1, 'one timer delete in the step')
    assert((await del.getAttribute('data-line')) === '35', `the delete is on line 35 (got ${await del.getAttribute('data-line')})`)
    const row = await del.innerText()
    assert(/deleteEventTimeTimer/.test(row) && /nothing deleted/.test(row), `the row names the call and says nothing was deleted: ${row}`)
    assert((await ctx.page.locator('[data-testid=trace-entry][data-kind=timerRegister]').getAttribute('data-line')) === '36', 'the register follows on line 36')
    // The editor: the step's lines are marked, 35 carries its inline value; the inspector followed to u1.
    const classes = await editorCall(ctx, 'classesAt', 35)
    assert(classes.some((c) => /riffle-(ran|current)-line/.test(c)), `line 35 is highlighted (${classes})`)
    assert(/nothing deleted/.test((await editorCall(ctx, 'hintAt', 35)) ?? ''), 'line 35 shows "nothing deleted" inline')
    await waitFor(async () => (await text(ctx, '[data-testid=selected-key]')) === '"u1"', 'the inspector follows the step to u1')
    // Clicking the entry puts the cursor on line 35 and makes it the current line.
    await del.click()
    await waitFor(async () => (await editorCall(ctx, 'cursorLine')) === 35, 'the cursor on line 35')
    assert((await editorCall(ctx, 'classesAt', 35)).includes('riffle-current-line'), 'line 35 is the current line')
    await shot(ctx, 'trace-01-step3-line35.png')
    // Problems: the no-op delete at sessionizer-seed.ts:35, warning squiggle on the line.
    await ctx.page.click('[data-testid=tab-problems]')
    const problem = ctx.page.locator('[data-testid=problem][data-line="35"]')
    await waitFor(async () => (await problem.count()) === 1, 'the finding at line 35 in Problems')
    const p = await problem.innerText()
    assert(/sessionizer-seed\.ts:35/.test(p) && /nothing was deleted/.test(p) && /first at step 1/.test(p), `the finding reads as the CLI prints it: ${p}`)
    const markers = await editorCall(ctx, 'findingMarkers')
    assert(markers.some((m) => m.line === 35 && m.severity === 'warning'), `a warning squiggle on line 35 (${JSON.stringify(markers)})`)
    await shot(ctx, 'trace-02-problems.png')
    // Click → its first step (1), its key, its line.
    await problem.click()
    await waitFor(async () => (await stepNo(ctx)) === 1, 'Problems goes to the first step of the finding')
    await waitFor(async () => (await editorCall(ctx, 'cursorLine')) === 35, 'and puts the cursor on line 35')
    await waitFor(async () => (await text(ctx, '[data-testid=selected-key]')) === '"u1"', 'and selects its key')
  }],

  ['trace at 1024 × 700: the step\'s key, watermark and input event are whole (the event read "· l…")', async (ctx) => {
    await freshSeedSession(ctx)
    await stepTo(ctx, 3)
    await ctx.page.setViewportSize({ width: 1024, height: 700 })
    try {
      await ctx.page.click('[data-testid=tab-trace]')
      await waitFor(async () => (await text(ctx, '[data-testid=trace-step]')) === 'Step 3', 'the trace of step 3')
      const cut = await ctx.page.evaluate(() => [...document.querySelectorAll('[data-testid=trace] .head, [data-testid=trace] .head > *, [data-testid=trace-input]')]
        .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > document.querySelector('[data-testid=trace]').getBoundingClientRect().right + 0.5)
        .map((e) => e.textContent.trim().slice(0, 60)))
      const input = (await ctx.page.locator('[data-testid=trace-input]').count()) === 1 ? await text(ctx, '[data-testid=trace-input]') : ''
      await shot(ctx, 'trace-00-header-1024.png')
      assert(cut.length === 0, `the trace's header is whole at 1024 px (cut: ${JSON.stringify(cut)})`)
      assert(/line 3: \{"ts":\d+.*"user_id":"u1".*\}/.test(input), `the step's input event reads whole: ${input}`)
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
    }
  }],

  ['trace: a line held at the top of the editor (sticky scroll) shows the current step\'s inline value, not an earlier step\'s', async (ctx) => {
    // A Python job: its sticky lines follow the indentation, so an `if` line with a call on it is held on top (a
    // TypeScript job's are only its class and method lines). The seed with a longer if block, so its `if` line is
    // held on top while the lines the steps run stay in view.
    await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.py')
    await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('sessionizer-seed.py'), 'the Python seed')
    const seed = await ctx.page.evaluate(() => window.__riffleEditor.getValue())
    const long = seed.replace('self.event_count.update(0)\n', 'self.event_count.update(0)\n' + '            # (a longer block)\n'.repeat(12))
    assert(long !== seed, 'the seed has the line the test lengthens')
    await selectOptionContaining(ctx, '[data-testid=recording]', 'clicks-small')
    await replaceSource(ctx, long)
    await ctx.page.click('[data-testid=start]')
    await waitFor(async () => (await phase(ctx)) === 'ready' && (await stepNo(ctx)) === 0, 'the Python session to start', 120_000)
    const ifLine = await lineOf(ctx, 'if self.session_start.value() is None:')
    await stepTo(ctx, 1) // u1's first event: session_start is None
    await waitFor(async () => (await editorCall(ctx, 'hintAt', ifLine)) === '→ None', `step 1's value (Python's None) on line ${ifLine}`)
    await editorCall(ctx, 'revealLine', ifLine + 13) // centred: the first line in view is inside the if block
    // (Monaco renders the spaces of a sticky line as no-break spaces.)
    const stickyIf = async () => (await ctx.page.locator('#editor .sticky-widget .sticky-line-content').allInnerTexts())
      .map((t) => t.replace(/\s/g, ' ')).find((t) => t.includes('if self.session_start.value() is None:'))
    await waitFor(async () => (await stickyIf())?.includes('→ None'), `line ${ifLine} held on top with step 1's value`)
    // u1's second event (step 3) reads the session's start: the line on top must say so, as the line itself does.
    await stepTo(ctx, 3)
    // An epoch-millisecond value reads with its readable time, as the state view shows it.
    await waitFor(async () => (await editorCall(ctx, 'hintAt', ifLine)) === '→ 1708848000000 (2024-02-25T08:00:00.000Z)', `step 3's value on line ${ifLine}`)
    await waitFor(async () => (await stickyIf())?.includes('→ 1708848000000'), `the line held on top to show step 3's value (it shows: ${await stickyIf()})`, 5_000)
    await shot(ctx, 'trace-00-sticky-line-value.png')
    await replaceSource(ctx, seed)
  }],

  ['trace: a gutter breakpoint on the out.collect line stops Continue at the first timer firing', async (ctx) => {
    await freshSeedSession(ctx)
    // Where the first timer fires: Next timer (Shift+F11) from step 0.
    await ctx.page.keyboard.press('Shift+F11')
    await waitFor(async () => (await stepNo(ctx)) > 0, 'a step to the first timer')
    const firstTimerStep = await stepNo(ctx)
    await freshSeedSession(ctx)
    const collectLine = await lineOf(ctx, 'out.collect(')
    const at = await editorCall(ctx, 'glyphPoint', collectLine)
    await ctx.page.mouse.click(at.x, at.y) // a user's click in the gutter
    const hasDot = async () => (await editorCall(ctx, 'classesAt', collectLine)).some((c) => /\briffle-bp-(plain|conditional|log)\b/.test(c))
    await waitFor(hasDot, 'a breakpoint dot in the gutter')
    await ctx.page.click('[data-testid=tab-breakpoints]')
    assert((await text(ctx, '[data-testid=breakpoints]')).includes(`line ${collectLine}`), 'the Breakpoints tab lists it')
    await ctx.page.keyboard.press('F5')
    await waitFor(async () => (await phase(ctx)) === 'ready' && (await stepNo(ctx)) > 0, 'Continue to stop')
    assert((await stepNo(ctx)) === firstTimerStep, `Continue stopped at the first timer firing, step ${firstTimerStep} (got ${await stepNo(ctx)})`)
    await ctx.page.click('[data-testid=tab-trace]')
    await waitFor(async () => (await text(ctx, '[data-testid=trace-step]')) === `Step ${firstTimerStep}`, 'the trace of the stopped step')
    assert(/· timer/.test(await text(ctx, '[data-testid=trace] .head')), 'the stopped step is a timer firing')
    await waitFor(async () => (await editorCall(ctx, 'classesAt', collectLine)).includes('riffle-current-line'), 'the out.collect line is the current line')
    await shot(ctx, 'trace-03-line-breakpoint-hit.png')
    // "why?" on the session it emitted goes back through the timer to the step and line that registered it.
    // By keyboard, as VS Code moves focus to the view it opens: Enter on "why?" leaves the focus in the Lineage panel.
    await ctx.page.click('[data-testid=tab-outputs]')
    await ctx.page.locator('[data-testid=output-why]').first().focus()
    await ctx.page.keyboard.press('Enter')
    const origin = await waitFor(async () => ((await ctx.page.locator('[data-testid=lineage-timer-origin]').count()) ? text(ctx, '[data-testid=lineage-timer-origin]') : null),
      'the lineage of the output, through its timer')
    await waitFor(() => ctx.page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'lineage-heading'), 'the focus on the Lineage panel\'s heading', 3_000)
      .catch(async () => { throw new Error(`the focus after Enter on "why?" is on ${await ctx.page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80))}`) })
    assert(/registered at step 1, line 36/.test(origin), `the timer was registered at step 1 on line 36: ${origin}`)
    assert(/tried to delete a timer of this key but named/.test(origin), `the deletes that missed it are named: ${origin}`)
    await shot(ctx, 'trace-04-why-timer-origin.png')
    await ctx.page.click('[data-testid=lineage-goto-registered]')
    await waitFor(async () => (await stepNo(ctx)) === 1, 'back to the registering step')
    await waitFor(async () => (await editorCall(ctx, 'cursorLine')) === 36, 'the cursor on the registering line')
    // Right-click edits it as VS Code's breakpoint widget does: a condition makes it a conditional breakpoint.
    const point = await editorCall(ctx, 'glyphPoint', collectLine)
    await ctx.page.mouse.click(point.x, point.y, { button: 'right' })
    await ctx.page.fill('[data-testid=line-bp-condition]', "key === 'u2'")
    await shot(ctx, 'trace-05-breakpoint-condition.png')
    await ctx.page.keyboard.press('Enter')
    await waitFor(async () => (await editorCall(ctx, 'classesAt', collectLine)).some((c) => c.includes('riffle-bp-conditional')), 'a conditional breakpoint dot')
    await ctx.page.click('[data-testid=tab-breakpoints]')
    assert((await text(ctx, '[data-testid=breakpoints]')).includes(`line ${collectLine} when key === 'u2'`), 'the list shows its condition')
    // A second click in the gutter removes it (later scenarios run without it).
    const again = await editorCall(ctx, 'glyphPoint', collectLine)
    await ctx.page.mouse.click(again.x, again.y)
    await waitFor(async () => !(await hasDot()), 'the breakpoint removed')
  }],

  ['trace: a gutter breakpoint on a plain line stops Continue at the first step that runs it; one on a brace is unverified', async (ctx) => {
    await selectOptionContaining(ctx, '[data-testid=examples]', 'failed-logins.ts')
    await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.getValue())).includes('recent.push('), 'failed-logins in the editor')
    await selectOptionContaining(ctx, '[data-testid=recording]', 'logins')
    await startSession(ctx)
    await waitFor(async () => (await stepNo(ctx)) === 0, 'a fresh session at step 0')
    // logins.jsonl: four successes, then u00345's failure (step 5), a success, u00280's failure (step 7).
    const pushLine = await lineOf(ctx, 'recent.push(')
    const braceLine = pushLine - 3 // the `}` closing `if (login.result !== 'failure') {`
    const src = await ctx.page.evaluate(() => window.__riffleEditor.getValue())
    assert(src.split('\n')[braceLine - 1].trim() === '}', `line ${braceLine} is a closing brace`)
    for (const line of [pushLine, braceLine]) {
      const at = await editorCall(ctx, 'glyphPoint', line)
      await ctx.page.mouse.click(at.x, at.y)
    }
    const classes = (line) => editorCall(ctx, 'classesAt', line)
    await waitFor(async () => (await classes(braceLine)).some((c) => /\briffle-bp-unverified\b/.test(c)), 'the brace\'s breakpoint drawn unverified')
    assert(!(await classes(pushLine)).some((c) => /riffle-bp-unverified/.test(c)), 'the plain line\'s breakpoint is verified')
    await ctx.page.click('[data-testid=tab-breakpoints]')
    const unverified = ctx.page.locator('[data-testid=bp-unverified]')
    await waitFor(async () => (await unverified.count()) === 1, 'the Breakpoints tab says one breakpoint is unverified')
    assert(/no code runs on line/.test(await unverified.innerText()), `and why: ${await unverified.innerText()}`)
    await ctx.page.keyboard.press('F5')
    await waitFor(async () => (await phase(ctx)) === 'ready' && (await stepNo(ctx)) > 0, 'Continue to stop')
    assert((await stepNo(ctx)) === 5, `Continue stopped at u00345's failure, step 5 (got ${await stepNo(ctx)})`)
    await shot(ctx, 'trace-06-plain-line-breakpoints.png')
    await ctx.page.click('[data-testid=tab-trace]')
    await waitFor(async () => (await text(ctx, '[data-testid=trace-step]')) === 'Step 5', 'the trace of step 5')
    await waitFor(async () => (await classes(pushLine)).includes('riffle-current-line'), 'the breakpoint\'s line is the current line')
    // The step's lines, plain ones too: the `if` it tested (27) and the push's neighbours; not the success branch.
    const ran = async (line) => (await classes(line)).some((c) => /riffle-(ran|current)-line/.test(c))
    assert(await ran(braceLine - 3), `the \`if\` on line ${braceLine - 3} is marked as run`)
    assert(await ran(pushLine + 1), `line ${pushLine + 1} (the threshold check) is marked as run`)
    assert(!(await ran(braceLine - 1)), `the success branch's return (line ${braceLine - 1}) is not`)
    // The Trace view lists them too (as \`riffle trace\` prints them); a click goes to the line.
    const linesRun = await text(ctx, '[data-testid=trace-lines-run]')
    assert(linesRun.includes(`${braceLine - 3}, ${braceLine + 1}–${pushLine + 1}`), `the Trace view's lines run: ${linesRun}`)
    await ctx.page.locator('[data-testid=trace-lines-run] button', { hasText: String(braceLine - 3) }).first().click()
    await waitFor(async () => (await editorCall(ctx, 'cursorLine')) === braceLine - 3, 'a click on a line run puts the cursor there')
    await shot(ctx, 'trace-07-plain-line-hit.png')
    await ctx.page.keyboard.press('F5')
    await waitFor(async () => (await stepNo(ctx)) > 5, 'Continue to stop again')
    assert((await stepNo(ctx)) === 7, `the next failure is step 7 (got ${await stepNo(ctx)})`)
    // The step's trace arrives after its number, and with it the editor scrolls to the stopped line: wait for
    // that, so the editor does not scroll between reading a gutter point and clicking it.
    await waitFor(async () => (await text(ctx, '[data-testid=trace-step]')) === 'Step 7', 'the trace of step 7')
    await waitFor(async () => (await classes(pushLine)).includes('riffle-current-line'), 'step 7 stopped on the breakpoint\'s line')
    // Both removed again with a click each (later scenarios run without them).
    for (const line of [pushLine, braceLine]) {
      const at = await editorCall(ctx, 'glyphPoint', line)
      await ctx.page.mouse.click(at.x, at.y)
      await waitFor(async () => !(await classes(line)).some((c) => /\briffle-bp-/.test(c)), `the breakpoint on line ${line} removed`)
    }
  }],

  ['trace: a step that emits 20,000 records lists its first 1000 calls and says how many more there were', async (ctx) => {
    await selectOptionContaining(ctx, '[data-testid=examples]', 'running-count.ts')
    await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('running-count.ts'), 'the running count')
    const original = await ctx.page.evaluate(() => window.__riffleEditor.getValue())
    const loop = original.replace('out.collect([value.user_id, current + 1])', 'for (let i = 0; i < 20000; i++) out.collect([value.user_id, i])')
    assert(loop !== original, 'the running count has the line the test loops')
    await selectOptionContaining(ctx, '[data-testid=recording]', 'clicks-small')
    await replaceSource(ctx, loop)
    await startSession(ctx)
    await stepTo(ctx, 1)
    await ctx.page.click('[data-testid=tab-trace]')
    await waitFor(async () => (await text(ctx, '[data-testid=trace-step]')) === 'Step 1', 'the trace of step 1')
    const rows = ctx.page.locator('[data-testid=trace-entry]')
    await waitFor(async () => (await rows.count()) === 1000, 'the first 1000 calls listed')
    const left = await text(ctx, '[data-testid=trace-not-listed]')
    assert(left.includes('… and 19,002 more calls, not listed: 19,002 outputs'), `the rest counted, by kind: ${left}`)
    await ctx.page.locator('[data-testid=trace-not-listed]').scrollIntoViewIfNeeded()
    await shot(ctx, 'trace-08-calls-not-listed.png')
    await replaceSource(ctx, original)
  }],
]
