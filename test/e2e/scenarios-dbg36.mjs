// Debugger leftovers as a user sees them: the bad-line banner after a step back names its step and where the
// session stands; the key list and the status bar agree during Run to end; number formatting of the output table;
// real-time pacing under a manual processing time.
import { assert, waitFor } from './harness.mjs'
import { clearBreakpoints, editorCall } from './debugger-ui.mjs'
import { setConditionalBreakpoint } from './scenarios-editor-fit.mjs'
import { phase, replaceSource, selectOptionContaining, shot, startSession, stepNo, text } from './ui.mjs'

/** The key list's count (its foot), the status bar's keys and step, read together from the page. */
const keyCounts = (ctx) => ctx.page.evaluate(() => {
  const num = (s) => Number(String(s ?? '').replace(/,/g, ''))
  const foot = document.querySelector('.key-list .foot')?.textContent ?? ''
  const status = document.querySelector('[data-testid=status]')?.textContent ?? ''
  return { list: num(/([\d,]+) keys?/.exec(foot)?.[1]), foot, bar: num(/keys ([\d,]+)/.exec(status)?.[1]), step: num(/step ([\d,]+)/.exec(status)?.[1]) }
})

export const dbg36Scenarios = [
  ['during Run to end the key list says which step it is of while the status bar is further on, and agrees with it at the end', async (ctx) => {
    await ctx.page.goto(ctx.server.url)
    await ctx.page.waitForSelector('#editor .monaco-editor .view-lines', { timeout: 20_000 })
    await selectOptionContaining(ctx, '[data-testid=recording]', 'many-keys.jsonl')
    await selectOptionContaining(ctx, '[data-testid=examples]', 'running-count.ts')
    await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.getValue())).includes('class EventCounter'), 'running-count.ts in the editor')
    await startSession(ctx)
    await ctx.page.click('[data-testid=run-to-end]')
    let behind = null
    const t0 = Date.now()
    for (;;) {
      assert(Date.now() - t0 < 120_000, 'the run finishes and the list catches up')
      const k = await keyCounts(ctx)
      // many-keys.jsonl has one new key per event: a list read at step S has S keys.
      if (k.list < k.bar && k.list > 0) {
        assert(k.foot === `${k.list.toLocaleString('en-US')} keys at step ${k.list.toLocaleString('en-US')} (behind)`, `a list behind the status bar says its step: ${JSON.stringify(k)}`)
        if (behind === null) { behind = k; await shot(ctx, 'dbg36-key-list-catching-up.png') }
      }
      if (k.list === 100_000 && k.bar === 100_000) { assert(k.foot === '100,000 keys', `at the end the list is the run's: ${k.foot}`); break }
      await new Promise((r) => setTimeout(r, 50))
    }
    assert(behind !== null, 'the list was seen behind the status bar during the run (a chunk is 50,000 steps)')
    // The output table's # and step are grouped as the status bar's counts are.
    const last = await waitFor(async () => {
      const cells = await ctx.page.locator('[data-testid=output-log] tbody tr:last-child td').allInnerTexts()
      return cells[1] === '100,000' ? cells : null
    }, 'the last output row')
    assert(last[0] === '99,999' && last[1] === '100,000', `the last row's # and step: ${JSON.stringify(last.slice(0, 2))}`)
    await shot(ctx, 'dbg36-key-list-finished.png')
  }],
  ['the watchdog\'s message groups its milliseconds as the status bar groups counts, and the loop line still says how long it waited', async (ctx) => {
    await ctx.page.goto(ctx.server.url)
    await ctx.page.waitForSelector('#editor .monaco-editor .view-lines', { timeout: 20_000 })
    await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
    await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.ts')
    await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.getValue())).includes('class Sessionizer'), 'the seed in the editor')
    const src = await ctx.page.evaluate(() => window.__riffleEditor.getValue())
    const looping = src.replace('const now = ctx.timestamp()!', 'const now = ctx.timestamp()!\n    if (this.eventCount.value() === 1) {\n      while (now > 0) { /* forever */ }\n    }')
    assert(looping !== src, 'the seed has the line the test changes')
    const line = looping.split('\n').findIndex((l) => l.includes('while (now > 0)')) + 1
    await replaceSource(ctx, looping)
    await startSession(ctx)
    await ctx.page.click('[data-testid=continue]')
    const banner = await waitFor(async () => text(ctx, '[data-testid=job-error]').catch(() => null), 'the watchdog message', 30_000)
    assert(/did not return within \d{1,3}(,\d{3})+ ms/.test(banner), `the milliseconds are grouped: ${banner}`)
    await waitFor(async () => (await editorCall(ctx, 'classesAt', line)).includes('riffle-loop-line'), 'the loop line decorated', 10_000)
    const hint = (await editorCall(ctx, 'hintAt', line)) ?? ''
    assert(/^⟳ stopped here after [\d.]+ s by the watchdog$/.test(hint), `the loop line's hint still reads the wait: ${hint}`)
    await shot(ctx, 'dbg36-watchdog-grouped.png')
  }],
  ['real time × N paces a replay under manual processing time by the records\' watermark (it ran as fast as max)', async (ctx) => {
    await ctx.page.goto(ctx.server.url)
    await ctx.page.waitForSelector('#editor .monaco-editor .view-lines', { timeout: 20_000 })
    await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
    await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.ts')
    await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.getValue())).includes('class Sessionizer'), 'the seed in the editor')
    await ctx.page.selectOption('[data-testid=processing-time]', 'manual')
    await ctx.page.selectOption('[data-testid=speed]', '1000')
    await startSession(ctx)
    const t0 = Date.now()
    await ctx.page.click('[data-testid=continue]')
    // clicks-small spans 100 minutes of event time: 6 s at ×1000. At max it is done in well under that.
    await new Promise((r) => setTimeout(r, 2_000))
    const mid = await stepNo(ctx)
    const midPhase = await phase(ctx)
    await shot(ctx, 'dbg36-manual-paced.png')
    assert(midPhase === 'running' && mid > 1 && mid < 35, `after 2 s at ×1000 the replay is paced, part way: step ${mid}, ${midPhase}`)
    await waitFor(async () => ((await phase(ctx)) === 'finished' ? true : null), 'the paced replay to finish', 30_000)
    const took = Date.now() - t0
    assert(took > 4_000, `the whole replay took about its 6 s of paced time: ${took} ms`)
    const tip = await ctx.page.locator('label:has([data-testid=speed])').getAttribute('title')
    assert(/manual processing time, their watermark/.test(tip ?? ''), `the Speed menu says what paces it: ${tip}`)
    await ctx.page.selectOption('[data-testid=processing-time]', 'follow')
    await ctx.page.selectOption('[data-testid=speed]', 'max')
  }],
  ['a conditional breakpoint on a loop\'s body, set in the gutter, stops at the run of the line where the loop\'s variable holds', async (ctx) => {
    await ctx.page.goto(ctx.server.url)
    await ctx.page.waitForSelector('#editor .monaco-editor .view-lines', { timeout: 20_000 })
    await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
    await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.ts')
    await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.getValue())).includes('class Sessionizer'), 'the seed in the editor')
    await clearBreakpoints(ctx)
    const src = await ctx.page.evaluate(() => window.__riffleEditor.getValue())
    const looping = src.replace('const now = ctx.timestamp()!', 'const now = ctx.timestamp()!\n    let seen = 0\n    for (const part of (event as any).page.split(\'/\')) {\n      seen += part.length // BODY\n    }')
    assert(looping !== src, 'the seed has the line the test changes')
    const line = looping.split('\n').findIndex((l) => l.includes('// BODY')) + 1
    await replaceSource(ctx, looping)
    await startSession(ctx)
    // "/p/12" splits into "", "p", "12": the third run of the body is the one (seen is 1 as it starts).
    await setConditionalBreakpoint(ctx, line, "part === '12' && seen === 1")
    await ctx.page.click('[data-testid=continue]')
    const bar = await waitFor(async () => { const t = await text(ctx, '[data-testid=breakpoint-hit]').catch(() => ''); return /Breakpoint hit/.test(t) ? t : null }, 'the breakpoint hit')
    assert(/· run 3$/.test(bar.trim()) && !/error/.test(bar), `the hit names the loop's run: ${bar}`)
    await shot(ctx, 'dbg36-loop-breakpoint.png')
    await clearBreakpoints(ctx)
  }],
  ['a bad recording line\'s banner names the step it stopped, and after a step back says the session is before it', async (ctx) => {
    await replaceSource(ctx, ctx.state.seedSource)
    await ctx.page.click('text=Open path…')
    await ctx.page.fill('[data-testid=recording-path]', 'bad.jsonl')
    await ctx.page.keyboard.press('Enter')
    await waitFor(async () => (await ctx.page.inputValue('[data-testid=recording]')).endsWith('bad.jsonl'), 'bad.jsonl opened')
    await startSession(ctx)
    await ctx.page.click('[data-testid=continue]')
    const banner = await waitFor(async () => {
      const t = await text(ctx, '[data-testid=recording-error]').catch(() => '')
      return t.includes('in step') ? t : null
    }, 'the recording error banner with its step')
    const at = await stepNo(ctx)
    assert(banner.includes(`in step ${at + 1}`), `the banner names the step that read the bad line (${at + 1}): ${banner}`)
    await ctx.page.click('[data-testid=step-back]')
    await waitFor(async () => (await stepNo(ctx)) === at - 1, 'stepped back')
    const after = await text(ctx, '[data-testid=recording-error]')
    assert(after.includes(`in step ${at + 1}`) && after.includes(`You are at step ${at - 1}, before it`), `after a step back the banner says so: ${after}`)
    await shot(ctx, 'dbg36-bad-line-step-back.png')
    await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
  }],
]
