// A Python job's expression values in Python's notation: the Watch list and the editor's hover over a state of the
// seed article's PyFlink Sessionizer showed the engine's JSON (null, true, 1708848000 for the float 1708848000.0,
// {"user_id":"u1",...}) where a Python user expects Python's repr (None, True, 1708848000.0, {'user_id': 'u1', ...}).
import { assert, waitFor } from './harness.mjs'
import { phase, selectKey, shot, stepNo, text } from './ui.mjs'
import { clearBreakpoints, continueToHit, loadJob, openTab, pickRecording, restart } from './debugger-ui.mjs'
import { addWatch, removeAllWatches, rowShows } from './scenarios-watch.mjs'

const T0 = 1708848000000 // u1's first click in clicks-small

/** The hover Monaco shows over the first `word` drawn on the editor's line holding `needle`. */
export async function hoverOver(ctx, needle, word) {
  const line = (await ctx.page.evaluate(() => window.__riffleEditor.getValue())).split('\n').findIndex((l) => l.includes(needle)) + 1
  return waitFor(async () => {
    const at = await ctx.page.evaluate(([l, w, n]) => {
      window.__riffleEditor.revealLine(l)
      const rows = [...document.querySelectorAll('#editor .view-lines .view-line')]
      const row = rows.find((r) => r.textContent.replace(/\u00a0/g, ' ').includes(w) && r.textContent.replace(/\u00a0/g, ' ').includes(n))
      if (!row) return null
      // The word's own box: a Range over its characters in whichever token's text node holds it.
      const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT)
      for (let t = walker.nextNode(); t !== null; t = walker.nextNode()) {
        const i = t.textContent.indexOf(w)
        if (i < 0) continue
        const range = document.createRange()
        range.setStart(t, i)
        range.setEnd(t, i + w.length)
        const r = range.getBoundingClientRect()
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 }
      }
      return null
    }, [line, word, needle])
    if (at === null) return false
    await ctx.page.mouse.move(0, 0)
    await ctx.page.mouse.move(at.x, at.y, { steps: 3 })
    await ctx.page.waitForTimeout(1000)
    const t = (await ctx.page.locator('.monaco-hover').allInnerTexts()).join('\n')
    return t.includes(`key "u1"`) && t
  }, `the hover over ${word}`, 30_000)
}

export const py36Scenarios = [
  ["a Python job's watches and state hover show Python's repr (None, True, 1708848000.0, {'user_id': 'u1'}), not JSON", async (ctx) => {
    await loadJob(ctx, 'sessionizer-seed.py', 'delete_event_time_timer(now)')
    await pickRecording(ctx, ctx.recording)
    await clearBreakpoints(ctx)
    if ((await ctx.page.getAttribute('[data-testid=watch-toggle]', 'aria-expanded')) !== 'true') await ctx.page.click('[data-testid=watch-toggle]')
    await removeAllWatches(ctx)
    await ctx.page.click('[data-testid=start]') // Pyodide's start may take long on a loaded machine
    await waitFor(async () => (await phase(ctx)) === 'ready' && (await stepNo(ctx)) === 0, 'the Python session at step 0', 120_000)
    for (const w of ['event', 'self.session_start.value() / 1000', 'self.session_start.value() is None', 'event_count', '("a", None)']) await addWatch(ctx, w)
    await ctx.page.keyboard.press('F10')
    await waitFor(async () => (await stepNo(ctx)) === 1, 'step 1')
    await waitFor(async () => (await text(ctx, '[data-testid=selected-key]').catch(() => '')) === '"u1"', 'u1 selected')
    await rowShows(ctx, 'event', "{'ts': 1708848000000, 'user_id': 'u1', 'type': 'view', 'page': '/p/1'}")
    await rowShows(ctx, 'self.session_start.value() / 1000', String(T0 / 1000) + '.0')
    await rowShows(ctx, 'self.session_start.value() is None', 'False')
    await rowShows(ctx, 'event_count', '1')
    await rowShows(ctx, '("a", None)', "('a', None)")
    await shot(ctx, 'py36-01-python-watches-repr.png')
    const hover = await hoverOver(ctx, 'self.session_start.update(now)', 'session_start')
    await shot(ctx, 'py36-02-python-state-hover.png')
    assert(hover.includes(`${T0}`) && !hover.includes('null'), `the hover shows the state's value as Python writes it: ${hover}`)
    await ctx.page.mouse.move(5, 5)
    await removeAllWatches(ctx)
    await ctx.page.click('[data-testid=stop]')
  }],
  ["\"break when written\" in a Python job's State history adds a Python breakpoint that compiles and stops at the write", async (ctx) => {
    await loadJob(ctx, 'sessionizer-seed.py', 'delete_event_time_timer(now)')
    await pickRecording(ctx, ctx.recording)
    await clearBreakpoints(ctx)
    await ctx.page.click('[data-testid=start]')
    await waitFor(async () => (await phase(ctx)) === 'ready' && (await stepNo(ctx)) === 0, 'the Python session at step 0', 120_000)
    for (let n = 1; n <= 3; n++) {
      await ctx.page.keyboard.press('F10')
      await waitFor(async () => (await stepNo(ctx)) === n, `step ${n}`)
    }
    await selectKey(ctx, '"u1"')
    await openTab(ctx, 'history')
    // u1's second click (step 3) made event_count 2.
    const wrote = ctx.page.locator('[data-testid=history-row]', { hasText: 'event_count: 1' }).first()
    await waitFor(async () => (await wrote.count()) > 0, 'the history row that wrote event_count 2')
    await wrote.locator('[data-change=event_count] [data-testid=history-break]').click()
    await openTab(ctx, 'breakpoints')
    await waitFor(async () => (await ctx.page.locator('[data-testid=bp-row]').count()) === 1, 'the new breakpoint')
    const row = await text(ctx, '[data-testid=bp-row]')
    const errors = await ctx.page.locator('[data-testid=bp-row] .err').allInnerTexts()
    await shot(ctx, 'py36-03-python-break-when-written.png')
    assert(row.includes('key == "u1" and event_count == 2') && errors.length === 0, `a Python predicate that compiles: ${row} ${errors.join('; ')}`)
    await restart(ctx)
    const { hit, step } = await continueToHit(ctx)
    assert(step === 3 && hit.includes('"u1"'), `the re-run stops at step 3 for u1: ${hit}`)
    await clearBreakpoints(ctx)
    await ctx.page.click('[data-testid=stop]')
  }],
]
