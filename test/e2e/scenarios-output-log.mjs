// The output log over a long run in the app: its count and its rows stay one read of the same moment while Run to end
// goes on (they were read apart, a run chunk apart: "100,000 outputs" over rows up to #49,999), it says when the run
// is further on than the log, and after a watchdog stop late in a run the banner, the log and the status agree.
import { assert, waitFor } from './harness.mjs'
import { phase, replaceSource, selectOptionContaining, shot, startSession, stepNo, text } from './ui.mjs'

const EVENTS = 100_000 // many-keys.jsonl (run.mjs): one event per user, so the running count emits one output per step

/** The bar's count, the last row's # and step, and the status step, read together from the page. */
const outputLog = (ctx) => ctx.page.evaluate(() => {
  const num = (s) => Number(String(s ?? '').replace(/,/g, ''))
  const bar = document.querySelector('[data-testid=output-count]')?.textContent.replace(/\s+/g, ' ').trim() ?? ''
  const cells = [...(document.querySelector('[data-testid=output-log] tbody tr:last-child')?.querySelectorAll('td') ?? [])]
  return {
    bar,
    total: num(/^([\d,]+) outputs?/.exec(bar)?.[1]),
    lastSeq: cells.length ? num(cells[0].textContent) : null,
    lastStep: cells.length ? num(cells[1].textContent) : null,
    status: num(/step ([\d,]+)/.exec(document.querySelector('[data-testid=status]')?.textContent ?? '')?.[1]),
  }
})

async function runningCountOnManyKeys(ctx, edit = (src) => src) {
  await ctx.page.goto(ctx.server.url)
  await ctx.page.waitForSelector('#editor .monaco-editor .view-lines', { timeout: 20_000 })
  await selectOptionContaining(ctx, '[data-testid=recording]', 'many-keys.jsonl')
  await selectOptionContaining(ctx, '[data-testid=examples]', 'running-count.ts')
  await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.getValue())).includes('class EventCounter'), 'running-count.ts in the editor')
  const src = await ctx.page.evaluate(() => window.__riffleEditor.getValue())
  if (edit(src) !== src) await replaceSource(ctx, edit(src))
  await startSession(ctx)
  await ctx.page.click('[data-testid=tab-outputs]')
}

export const outputLogScenarios = [
  ['the output log over a 100,000-output Run to end: its count and rows agree all along, it says when the run is further on, and the newest outputs show at the end', async (ctx) => {
    await runningCountOnManyKeys(ctx)
    await ctx.page.click('[data-testid=run-to-end]')
    let behind = null
    const t0 = Date.now()
    while ((await phase(ctx)) !== 'finished') {
      assert(Date.now() - t0 < 120_000, `the run finishes (phase ${await phase(ctx)})`)
      const log = await outputLog(ctx)
      if (log.total > 0) {
        assert(log.lastSeq === log.total - 1, `the rows end at the count's last output while the run goes on: ${JSON.stringify(log)}`)
        const upTo = /up to step ([\d,]+)/.exec(log.bar)
        if (upTo) {
          assert(Number(upTo[1].replace(/,/g, '')) === log.lastStep && /the log catches up/.test(log.bar), `the log says which step it is of: ${JSON.stringify(log)}`)
          if (behind === null) { behind = log; await shot(ctx, 'output-log-running.png') }
        }
      }
      await new Promise((r) => setTimeout(r, 50))
    }
    const end = await waitFor(async () => { const l = await outputLog(ctx); return l.total === EVENTS ? l : null }, 'the log to show the whole run')
    assert(end.lastSeq === EVENTS - 1 && end.lastStep === EVENTS && end.status === EVENTS, `count, last row and status agree at the end: ${JSON.stringify(end)}`)
    assert(/showing the newest 300; for older ones filter by key or go to an earlier step/.test(end.bar) && !/up to step/.test(end.bar), `the bar says what it shows and how to see the rest: ${end.bar}`)
    await shot(ctx, 'output-log-finished.png')
    // Going to an earlier step shows the log as it was there: older outputs, as the bar says.
    await ctx.page.fill('[data-testid=goto-step]', '60000')
    await ctx.page.click('[data-testid=goto-go]')
    const earlier = await waitFor(async () => { const l = await outputLog(ctx); return l.total === 60_000 && l.status === 60_000 ? l : null }, 'the log at step 60,000')
    assert(earlier.lastSeq === 59_999, `the rows end at step 60,000's last output: ${JSON.stringify(earlier)}`)
    console.log(`     (seen while running: ${behind ? behind.bar : 'no read behind the status'})`)
  }],

  ['after a watchdog stop late in a run, the banner writes the step as the status does, and the output log shows the newest outputs up to it', async (ctx) => {
    // Loops at the 1,501st event (user k001500), so the session goes on at step 1,500.
    await runningCountOnManyKeys(ctx, (src) => src.replace('const current =', "while (value.user_id === 'k001500') { /* endless */ }\n    const current ="))
    await ctx.page.click('[data-testid=continue]')
    const resumed = await waitFor(async () => ((await ctx.page.locator('[data-testid=watchdog-resumed]').count()) === 1 ? text(ctx, '[data-testid=watchdog-resumed]') : null),
      'word that the session goes on', 60_000)
    assert(resumed.includes('The session goes on at step 1,500,'), `the banner writes the step with its separator: ${resumed}`)
    const log = await waitFor(async () => { const l = await outputLog(ctx); return l.total === 1_500 ? l : null }, 'the log at step 1,500')
    assert(log.lastSeq === 1_499 && log.lastStep === 1_500 && (await stepNo(ctx)) === 1_500, `banner, log and status agree: ${JSON.stringify(log)}`)
    await shot(ctx, 'output-log-watchdog.png')
  }],
]
