// The "fix, re-run and compare" loop as a user goes round it: the step's marks in the editor belong to the text the
// session runs, so an edit before Restart must not leave them on other lines; and a breakpoint condition that throws
// says so where a narrow window still shows it.
import { assert, waitFor } from './harness.mjs'
import { phase, replaceSource, selectOptionContaining, shot, startSession, stepNo, text } from './ui.mjs'
import { editorCall, steps } from './debugger-ui.mjs'


/** Every line that carries one of the step's marks (a ran or current line, an inline value), as "line: what". */
async function markedLines(ctx) {
  const n = (await ctx.page.evaluate(() => window.__riffleEditor.getValue())).split('\n').length
  const out = []
  for (let line = 1; line <= n; line++) {
    const classes = (await editorCall(ctx, 'classesAt', line)).filter((c) => /riffle-(ran|current)-line|riffle-inline-value/.test(c))
    const hint = await editorCall(ctx, 'hintAt', line)
    if (classes.length > 0 || hint !== null) out.push(`${line}: ${hint ?? classes.join(' ')}`)
  }
  return out
}

export const editRerunScenarios = [
  ['edit before Restart: the step\'s marks are hidden while the editor holds another text than the session runs, and come back on undo', async (ctx) => {
    await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.ts')
    await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.getValue())).includes('deleteEventTimeTimer(now)'), 'the seed in the editor')
    await selectOptionContaining(ctx, '[data-testid=recording]', 'clicks-small')
    await startSession(ctx)
    assert((await phase(ctx)) === 'ready', `the session started (phase ${await phase(ctx)})`)
    while ((await stepNo(ctx)) < 3) await steps(ctx, 1)
    await waitFor(async () => /nothing deleted/.test((await editorCall(ctx, 'hintAt', 35)) ?? ''), 'line 35 shows "nothing deleted" inline')
    // The user adds a line at the top (a comment), then steps on before restarting: the session still runs the old
    // text, whose line 35 is now the editor's line 36.
    const seed = await ctx.page.evaluate(() => window.__riffleEditor.getValue())
    await ctx.page.click('#editor .overflow-guard')
    await ctx.page.keyboard.press('Control+Home')
    await ctx.page.keyboard.type('// fix: keep the timer in state\n')
    await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.getValue())).startsWith('// fix:'), 'the edit')
    await steps(ctx, 1)
    await waitFor(async () => (await text(ctx, '[data-testid=phase]')) === 'ready', 'the step to settle')
    await new Promise((r) => setTimeout(r, 500))
    const marked = await markedLines(ctx)
    assert(marked.length === 0, `no marks on the edited text, whose lines are not the session's (got ${JSON.stringify(marked)})`)
    const note = await waitFor(async () => (await ctx.page.locator('[data-testid=marks-stale]').count()) === 1 && text(ctx, '[data-testid=marks-stale]'), 'a note saying why the marks are hidden')
    assert(/edited/i.test(note) && /Restart/.test(note), `the note says the job was edited and Restart runs it (${note})`)
    await shot(ctx, 'edit-01-marks-hidden-after-edit.png')
    // Undo: the editor holds the session's text again, and the step's marks are back on its lines.
    await ctx.page.click('#editor .overflow-guard')
    // Typing is undone word by word, as in VS Code.
    await waitFor(async () => {
      if ((await ctx.page.evaluate(() => window.__riffleEditor.getValue())) === seed) return true
      await ctx.page.keyboard.press('Control+Z')
      return false
    }, 'the undo to bring back the text the session runs')
    await waitFor(async () => (await markedLines(ctx)).length > 0, 'the marks back after the undo')
    assert((await ctx.page.locator('[data-testid=marks-stale]').count()) === 0, 'the note is gone after the undo')
    // Another job opened while the session runs this one: not an edit of the session's job, so no such note.
    await selectOptionContaining(ctx, '[data-testid=examples]', 'running-count.ts')
    await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('running-count.ts'), 'running-count.ts in the editor')
    await new Promise((r) => setTimeout(r, 300))
    assert((await ctx.page.locator('[data-testid=marks-stale]').count()) === 0, 'no "edited" note over another job')
  }],
]

editRerunScenarios.push(
  ['a breakpoint condition that throws stops the run and says why in its row and in full on the bar, at 1024×700 too', async (ctx) => {
    await ctx.page.setViewportSize({ width: 1024, height: 700 })
    try {
      await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.ts')
      await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.getValue())).includes('deleteEventTimeTimer(now)'), 'the seed in the editor')
      await startSession(ctx)
      await ctx.page.click('[data-testid=tab-breakpoints]')
      await ctx.page.selectOption('[data-testid=bp-kind]', 'event')
      // clicks-small's events have no `meta`: reading `.x` of undefined throws at run time (it compiles).
      await ctx.page.fill('[data-testid=bp-expression]', 'event.meta.x === 1')
      await ctx.page.click('[data-testid=bp-add]')
      await waitFor(async () => (await ctx.page.locator('[data-testid=bp-row]').count()) === 1, 'the breakpoint listed')
      await ctx.page.keyboard.press('F5')
      await waitFor(async () => (await ctx.page.locator('[data-testid=breakpoint-hit]').count()) === 1, 'the hit on the bar')
      const row = await waitFor(async () => ctx.page.locator('[data-testid=bp-hit-error]').count().then((n) => n === 1 && text(ctx, '[data-testid=bp-hit-error]')), 'the error in the breakpoint\'s row')
      assert(/threw/.test(row) && /Cannot read properties of undefined/.test(row), `the row says the condition threw and why (${row})`)
      // The bar cuts a long hit with an ellipsis in a narrow window: its tooltip holds all of it.
      const title = (await ctx.page.locator('[data-testid=breakpoint-hit]').getAttribute('title')) ?? ''
      assert(/Cannot read properties of undefined \(reading 'x'\)/.test(title), `the bar's tooltip has the whole message (${title})`)
      await shot(ctx, 'edit-02-breakpoint-condition-threw-1024.png')
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
      const rm = ctx.page.locator('[data-testid=bp-remove]')
      while ((await rm.count()) > 0) await rm.first().click()
    }
  }],
)

editRerunScenarios.push(
  ['Compare names the previous run\'s job and recording, and says so when it was another job or recording', async (ctx) => {
    // A run of another job over another recording, then the seed sessionizer over clicks-small.
    await selectOptionContaining(ctx, '[data-testid=examples]', 'dedup-ttl.ts')
    await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('dedup-ttl.ts'), 'dedup-ttl.ts in the editor')
    await selectOptionContaining(ctx, '[data-testid=recording]', 'payments')
    await startSession(ctx)
    await ctx.page.click('[data-testid=run-to-end]')
    await waitFor(async () => (await phase(ctx)) === 'finished', 'the dedup run to finish', 60_000)
    await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.ts')
    await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('sessionizer-seed.ts'), 'the seed in the editor')
    await selectOptionContaining(ctx, '[data-testid=recording]', 'clicks-small')
    await startSession(ctx)
    await ctx.page.click('[data-testid=tab-compare]')
    const counts = await text(ctx, '[data-testid=compare-counts]')
    assert(/dedup-ttl\.ts/.test(counts) && /payments\.jsonl/.test(counts), `the previous run is named by its job and recording (${counts})`)
    assert(/another job/.test(counts) && /another recording/.test(counts), `it says the previous run was another job over another recording (${counts})`)
    await shot(ctx, 'edit-03-compare-previous-run-of-another-job.png')
    // Restart of the same job over the same recording: named, with no such warning.
    await startSession(ctx)
    const again = await text(ctx, '[data-testid=compare-counts]')
    assert(/sessionizer-seed\.ts/.test(again) && /clicks-small\.jsonl/.test(again), `the previous run is named (${again})`)
    assert(!/another/.test(again), `no warning for the same job and recording (${again})`)
  }],
)

editRerunScenarios.push(
  ['a gutter breakpoint moved by an edit before Restart still stops where it is in the text the session runs', async (ctx) => {
    await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.ts')
    await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('sessionizer-seed.ts'), 'the seed in the editor')
    await selectOptionContaining(ctx, '[data-testid=recording]', 'clicks-small')
    await startSession(ctx)
    const seed = await ctx.page.evaluate(() => window.__riffleEditor.getValue())
    const line = seed.split('\n').findIndex((l) => l.includes('session_start: this.sessionStart.value()')) + 1
    assert(line === 43, `the seed's session_start line is 43 (got ${line})`)
    try {
      const pt = await editorCall(ctx, 'glyphPoint', line)
      await ctx.page.mouse.click(pt.x, pt.y)
      await waitFor(async () => (await editorCall(ctx, 'classesAt', line)).some((c) => /\briffle-bp-plain\b/.test(c)), 'the breakpoint dot')
      // A comment line typed at the top moves the dot to line 44; the session still runs the seed, where it is line 43.
      await ctx.page.click('#editor .overflow-guard')
      await ctx.page.keyboard.press('Control+Home')
      await ctx.page.keyboard.type('// fix below\n')
      await waitFor(async () => (await editorCall(ctx, 'classesAt', line + 1)).some((c) => /\briffle-bp-plain\b/.test(c)), 'the dot moved to line 44')
      await new Promise((r) => setTimeout(r, 800))
      const classes = await editorCall(ctx, 'classesAt', line + 1)
      assert(!classes.some((c) => /riffle-bp-unverified/.test(c)), `the moved breakpoint is not judged by the session's line 44 (${classes})`)
      await ctx.page.keyboard.press('F5')
      const hit = await waitFor(async () => (await ctx.page.locator('[data-testid=breakpoint-hit]').count()) === 1 && text(ctx, '[data-testid=breakpoint-hit]'), 'Continue to stop at the breakpoint')
      assert(/line 44/.test(hit) && (await stepNo(ctx)) === 17, `it stops at the first timer firing, step 17, naming the editor's line (${hit}, step ${await stepNo(ctx)})`)
      // The breakpoint's own line rewritten: the session's text has no such line until Restart, and the dot says so.
      await ctx.page.click('#editor .overflow-guard')
      await editorCall(ctx, 'goToLine', line + 1)
      await ctx.page.keyboard.press('End')
      await ctx.page.keyboard.type(' // edited')
      await waitFor(async () => (await editorCall(ctx, 'classesAt', line + 1)).some((c) => /riffle-bp-unverified/.test(c)), 'the breakpoint on the edited line drawn unverified')
      await ctx.page.click('[data-testid=tab-breakpoints]')
      const row = await text(ctx, '[data-testid=bp-unverified]')
      assert(/edited since the session started/.test(row) && /Restart/.test(row), `its row says why (${row})`)
      await shot(ctx, 'edit-04-breakpoint-on-edited-line.png')
    } finally {
      const rm = ctx.page.locator('[data-testid=bp-remove]')
      while ((await rm.count()) > 0) await rm.first().click()
    }
  }],
)

editRerunScenarios.push(
  ['a throw\'s red mark goes once its line is edited (deleting the throw line left it on the line above), and the error says it is from before the edit', async (ctx) => {
    await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.ts')
    await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('sessionizer-seed.ts'), 'the seed in the editor')
    await selectOptionContaining(ctx, '[data-testid=recording]', 'clicks-small')
    const seed = await ctx.page.evaluate(() => window.__riffleEditor.getValue())
    const anchor = "this.eventCount = ctx.getState(new ValueStateDescriptor<number>('event_count', Types.LONG))"
    await replaceSource(ctx, seed.replace(anchor, anchor + "\n    throw new Error('boom in open')"))
    await startSession(ctx)
    const boom = async () => (await ctx.page.evaluate(() => window.__riffleEditor.diagnostics())).filter((d) => /boom in open/.test(d.message))
    await waitFor(async () => (await boom()).some((d) => d.line === 22), 'the throw marked on line 22')
    // The user deletes the throwing line (the fix): line 22 is now the closing brace of open().
    await ctx.page.click('#editor .overflow-guard')
    await editorCall(ctx, 'goToLine', 22)
    await ctx.page.keyboard.press('End')
    await ctx.page.keyboard.press('Shift+Home')
    await ctx.page.keyboard.press('Shift+Home')
    await ctx.page.keyboard.press('Backspace')
    await ctx.page.keyboard.press('Backspace')
    await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.getValue())) === seed, 'the seed back in the editor')
    await waitFor(async () => (await boom()).length === 0, 'no mark of the throw on the edited text')
    const banner = await text(ctx, '[data-testid=job-error]')
    assert(/before your edit/.test(banner) && /(^|\s)Start runs the edited job/.test(banner), `the error says it is from before the edit, and (the start having failed, no session runs) that Start runs the edited job (${banner})`)
    await shot(ctx, 'edit-05-throw-mark-gone-after-edit.png')
  }],
)

editRerunScenarios.push(
  ['a new version pasted over the whole job keeps each breakpoint on its line of code, wherever the edits moved it', async (ctx) => {
    await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.ts')
    await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('sessionizer-seed.ts'), 'the seed in the editor')
    const seed = await ctx.page.evaluate(() => window.__riffleEditor.getValue())
    const anchor = 'session_start: this.sessionStart.value()'
    const line = seed.split('\n').findIndex((l) => l.includes(anchor)) + 1
    try {
      const pt = await editorCall(ctx, 'glyphPoint', line)
      await ctx.page.mouse.click(pt.x, pt.y)
      await waitFor(async () => (await editorCall(ctx, 'classesAt', line)).some((c) => /\briffle-bp-plain\b/.test(c)), 'the breakpoint dot')
      // The fixed version, pasted over the whole text (select all, paste): a header comment of three lines, and a
      // line above the breakpoint's rewritten. Monaco alone keeps a decoration at its character offset, which is now
      // a line or two above the breakpoint's code.
      const fixed = '// Sessionizer, fixed:\n// the timer is kept in state\n// so that it can be deleted\n' +
        seed.replace('deleteEventTimeTimer(now)', 'deleteEventTimeTimer(this.timerAt.value() ?? now)')
      await replaceSource(ctx, fixed)
      const to = fixed.split('\n').findIndex((l) => l.includes(anchor)) + 1
      assert(to === line + 3, `the breakpoint's code is 3 lines down in the pasted version (${to})`)
      const dots = async () => {
        const n = fixed.split('\n').length
        const at = []
        for (let l = 1; l <= n; l++) if ((await editorCall(ctx, 'classesAt', l)).some((c) => /\briffle-bp-plain\b/.test(c))) at.push(l)
        return at
      }
      await waitFor(async () => JSON.stringify(await dots()) === JSON.stringify([to]), `the one dot on line ${to}`)
      await ctx.page.click('[data-testid=tab-breakpoints]')
      const row = await text(ctx, '[data-testid=bp-row]')
      assert(new RegExp(`\\b${to}\\b`).test(row), `the Breakpoints tab lists it on line ${to} (${row})`)
      await shot(ctx, 'edit-06-breakpoint-kept-after-paste.png')
    } finally {
      const rm = ctx.page.locator('[data-testid=bp-remove]')
      while ((await rm.count()) > 0) await rm.first().click()
    }
  }],
)

editRerunScenarios.push(
  ['a fix typed into the seed, then its twin picked from Examples: the edits are set aside, and the notice\'s Restore brings them back (they were dropped without a word)', async (ctx) => {
    await ctx.page.setViewportSize({ width: 1024, height: 700 })
    try {
      await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.ts')
      await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.getValue())).includes('deleteEventTimeTimer(now)'), 'the seed in the editor')
      const seed = await ctx.page.evaluate(() => window.__riffleEditor.getValue())
      const fixed = seed.replace('ctx.timerService().deleteEventTimeTimer(now)', '// deleted: the fix goes here')
      await replaceSource(ctx, fixed)
      // Notices of earlier scenarios (an earlier edit of the seed set aside by the pick above has its own Restore,
      // which stays until used or dismissed) are dismissed, so the one notice left is this pick's.
      const dismiss = ctx.page.locator('[data-testid=toast-dismiss]')
      while ((await dismiss.count()) > 0) await dismiss.first().click()
      await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.py')
      await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('sessionizer-seed.py'), 'the Python twin')
      const restore = ctx.page.locator('[data-testid=toast-action]', { hasText: 'Restore sessionizer-seed.ts' })
      await waitFor(async () => (await restore.count()) === 1, 'the notice with Restore sessionizer-seed.ts')
      const notice = await restore.locator('xpath=ancestor::*[@data-testid="toast"]').innerText()
      assert(/unsaved edits to sessionizer-seed\.ts were set aside/.test(notice), `the notice says the edits were set aside: ${notice}`)
      await shot(ctx, 'edit-07-edits-set-aside-1024.png')
      await restore.click()
      await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.getValue())) === fixed, 'the edited seed back in the editor')
      assert(/sessionizer-seed\.ts\s*●/.test(await text(ctx, '[data-testid=job-name]')), 'it is the seed, still unsaved')
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
    }
  }],
)
