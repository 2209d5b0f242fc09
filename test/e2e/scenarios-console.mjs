// The Console tab: what a TypeScript job's console.log/warn and a Python job's print() write shows in the app,
// each line with its step and job line, once per step however often time travel re-runs it; clicking a line
// goes to its step.
import { assert, waitFor } from './harness.mjs'
import { editorValue, lineShown, phase, replaceSource, shownLines, selectOptionContaining, shot, stepNo, text } from './ui.mjs'
import { steps } from './debugger-ui.mjs'

async function start(ctx) {
  await ctx.page.click('[data-testid=start]')
  await waitFor(async () => ['ready', 'failed', 'finished'].includes(await phase(ctx)), 'the session to start', 120_000)
  assert((await phase(ctx)) === 'ready', `the session is ready (${await text(ctx, '[data-testid=status]')})`)
}

async function stepBack(ctx) {
  const before = await stepNo(ctx)
  await ctx.page.click('[data-testid=step-back]')
  await waitFor(async () => (await stepNo(ctx)) === before - 1, 'the step back')
}

/** The Console's lines as [step, stream, text]. */
const consoleLines = (ctx) => ctx.page.$$eval('[data-testid=console-line]', (rows) =>
  rows.map((r) => [Number(r.dataset.step), r.dataset.stream, r.querySelector('.text').textContent, r.querySelector('.where')?.textContent ?? '']))

/** The editor's inline values (a trace's results at the ends of lines), to tell one step's trace from another's. */
const hints = (ctx) => ctx.page.evaluate(() => JSON.stringify(Array.from({ length: 80 }, (_, i) => window.__riffleEditor.hintAt(i + 1))))

/** The job's source with `line` added after the first line matching `after`; returns the source and the added line's number. */
function withLine(src, after, line) {
  const lines = src.split('\n')
  const i = lines.findIndex((l) => after.test(l))
  assert(i >= 0, `the example has a line matching ${after}`)
  lines.splice(i + 1, 0, line)
  return { source: lines.join('\n'), at: i + 2 }
}

export const consoleScenarios = [
  ['the Console shows a TypeScript and a Python job\'s own output once per step, with its line, and a click goes to its step', async (ctx) => {
    await ctx.page.setViewportSize({ width: 1280, height: 800 })
    await ctx.page.goto(ctx.server.url)
    await ctx.page.waitForSelector('#editor .monaco-editor .view-lines', { timeout: 20_000 })
    // The reload reattaches the previous scenario's session meanwhile: the example and recording picked (and the Start
    // pressed) before that lands are the user's last choice and stay (scenarios-app39.mjs holds the reattach back to show it).
    await waitFor(async () => (await ctx.page.$eval('[data-testid=recording]', (el) => el.textContent)).includes(ctx.recording), 'the recordings list')
    await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
    for (const [example, after, added, lines] of [
      ['sessionizer-seed.ts', /processElement\(event/, '    console.log("processing", event.user_id); if (event.user_id === "u2") console.warn("u2 again", { at: ctx.timestamp() })',
        [[1, 'out', 'processing u1'], [2, 'out', 'processing u2'], [2, 'warn', 'u2 again { at: 1708848060000 }'], [3, 'out', 'processing u1']]],
      ['sessionizer-seed.py', /def process_element/, '        print("processing", event["user_id"]); import sys; event["user_id"] == "u2" and print("u2 again", file=sys.stderr)',
        [[1, 'out', 'processing u1'], [2, 'out', 'processing u2'], [2, 'err', 'u2 again'], [3, 'out', 'processing u1']]],
    ]) {
      await selectOptionContaining(ctx, '[data-testid=examples]', example)
      await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes(example), 'the job name')
      const job = withLine(await editorValue(ctx), after, added)
      await replaceSource(ctx, job.source)
      await start(ctx)
      await ctx.page.click('[data-testid=tab-console]')
      await steps(ctx, 3)
      const want = JSON.stringify(lines.map(([s, st, t]) => [s, st, t, `${example}:${job.at}`]))
      await waitFor(async () => JSON.stringify(await consoleLines(ctx)) === want, `the Console to list ${want} (it lists ${JSON.stringify(await consoleLines(ctx))})`)
      assert((await text(ctx, '[data-testid=console-count]')) === '4', 'the Console tab counts 4 lines')
      // Step back twice and forward again, and seek to the start: the re-run steps add nothing.
      await stepBack(ctx)
      await stepBack(ctx)
      await steps(ctx, 2)
      const hintsAtStep3 = await hints(ctx)
      await ctx.page.click('[data-testid=console-line] >> nth=0')
      await waitFor(async () => (await stepNo(ctx)) === 1, 'a click on step 1\'s line to go to step 1')
      // Once step 1's trace is drawn (its inline values), the line the click went to is still on screen.
      await waitFor(async () => (await hints(ctx)) !== hintsAtStep3, 'step 1\'s inline values in the editor')
      await new Promise((r) => setTimeout(r, 300))
      assert(await ctx.page.evaluate(() => window.__riffleEditor.cursorLine()) === job.at, `the cursor is on line ${job.at}`)
      assert(await lineShown(ctx, job.at), `line ${job.at}, where the clicked line was printed, is on screen (the editor shows ${await shownLines(ctx)})`)
      // The step's trace lists what it printed: the line's inline value says so.
      const hint = await ctx.page.evaluate((l) => window.__riffleEditor.hintAt(l), job.at)
      assert(String(hint).includes('printed "processing u1"'), `line ${job.at}'s inline value shows what step 1 printed (it shows ${hint})`)
      await steps(ctx, 2)
      await waitFor(async () => (await stepNo(ctx)) === 3, 'step 3 again')
      await new Promise((r) => setTimeout(r, 500))
      assert(JSON.stringify(await consoleLines(ctx)) === want, `no line repeats after time travel: ${JSON.stringify(await consoleLines(ctx))}`)
      await shot(ctx, `console-${example.replace('.', '-')}.png`)
      // The Trace tab lists step 3's printed line among its calls, at its line.
      await ctx.page.click('[data-testid=tab-trace]')
      await waitFor(async () => (await ctx.page.$$eval('[data-testid=trace] [data-kind=console]', (rows) => rows.map((r) => r.textContent))).some((t) => t.includes('printed "processing u1"')),
        'the Trace tab to list the printed line')
      await shot(ctx, `console-trace-${example.replace('.', '-')}.png`)
      await ctx.page.click('[data-testid=stop]').catch(() => undefined)
    }
    await ctx.page.setViewportSize({ width: 1440, height: 900 })
  }],
]
