// Readable in a narrow window (1024 × 700, and 1280 × 800 where it differs): no word broken mid-way ("(abse" / "nt)",
// a date "2024-02-" / "25T…"), no control touching the text before it. Each scenario guards one fix.
import { assert, waitFor } from './harness.mjs'
import { brokenWords, editorValue, keyDetailFit, lineShown, phase, replaceSource, seedOnSmall, selectKey, selectOptionContaining, shot, shownLines, startSession, stepNo, text } from './ui.mjs'
import { runToEnd } from './debugger-ui.mjs'

export const narrowScenarios = [
  ['key detail at 1280 × 800 and 1024 × 700: a state\'s value and "Changed by step" break no word ("(absent)" read "(abse" / "nt", a time "2024-02-" / "25T…")', async (ctx) => {
    await seedOnSmall(ctx)
    await startSession(ctx)
    await ctx.page.keyboard.press('F10')
    await waitFor(async () => (await stepNo(ctx)) === 1, 'step 1')
    await waitFor(async () => (await text(ctx, '[data-testid=selected-key]').catch(() => '')) === '"u1"', 'the inspector on step 1\'s key')
    try {
      for (const [width, height] of [[1280, 800], [1024, 700]]) {
        await ctx.page.setViewportSize({ width, height })
        await ctx.page.locator('[data-testid=key-changes]').scrollIntoViewIfNeeded()
        const sel = '[data-testid=key-changes], [data-testid=key-detail] [data-state=session_start] [data-testid=state-value]'
        const broken = await waitFor(async () => { const b = await brokenWords(ctx, sel); return /session_start/.test(b.text) && b }, `"Changed by step 1" at ${width} px`)
        await ctx.page.locator('[data-testid=key-detail]').screenshot({ path: `${ctx.artifacts}/52d-key-changes-${width}.png` })
        assert(broken.broken.length === 0 && /\(absent\)/.test(broken.text) && /1708848000000/.test(broken.text),
          `the key detail breaks words at ${width} px: ${JSON.stringify(broken)}`)
      }
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
    }
  }],

  ['output log at 1024 × 700: an output\'s timestamp breaks between its number and its readable time, never inside the date ("2024-02-" / "25T…")', async (ctx) => {
    await seedOnSmall(ctx)
    await startSession(ctx)
    await runToEnd(ctx)
    await ctx.page.setViewportSize({ width: 1024, height: 700 })
    try {
      await ctx.page.click('[data-testid=tab-outputs]')
      const sel = '[data-testid=output-log] td.stamp'
      const b = await waitFor(async () => { const b = await brokenWords(ctx, sel); return /\(2024-02-25T/.test(b.text) && b }, 'the outputs\' timestamps')
      await shot(ctx, '54b-output-log-1024.png')
      assert(b.broken.length === 0, `the output log's timestamps break inside a word at 1024 px: ${JSON.stringify(b.broken.slice(0, 6))}`)
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
    }
  }],

  ['output log at 1024 × 700: a key such as "pay-0003653" stays on one line (it broke at its hyphen), whole in its tooltip; a value breaks between fields', async (ctx) => {
    await selectOptionContaining(ctx, '[data-testid=examples]', 'dedup-ttl.ts')
    await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('dedup-ttl.ts'), 'the dedup job')
    await selectOptionContaining(ctx, '[data-testid=recording]', 'payments')
    await startSession(ctx)
    await runToEnd(ctx)
    await ctx.page.setViewportSize({ width: 1024, height: 700 })
    try {
      await ctx.page.click('[data-testid=tab-outputs]')
      const sel = '[data-testid=output-log] td.key'
      const b = await waitFor(async () => { const b = await brokenWords(ctx, sel); return /"pay-\d+"/.test(b.text) && b }, 'the outputs\' keys')
      await shot(ctx, '54c-output-log-keys-1024.png')
      assert(b.broken.length === 0, `the output log's keys break at 1024 px: ${JSON.stringify(b.broken.slice(0, 6))}`)
      const titled = await ctx.page.$$eval(`${sel} .key-text`, (els) => els.every((e) => e.title === e.textContent))
      assert(titled, 'each key in the output log has itself as its tooltip')
      // A value too long for its cell wraps between fields, never inside a field ("cu" / "rrency":"EUR").
      const fields = await brokenWords(ctx, '[data-testid=output-log] td.value', '"[^"]*":[^,{}]*,?')
      assert(/"currency":"EUR"/.test(fields.text) && fields.broken.length === 0, `the output log's values break inside a field at 1024 px: ${JSON.stringify(fields.broken.slice(0, 6))}`)
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
      await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.ts')
      await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
    }
  }],

  ['the time-travel bar at 1024 px: a long run\'s "step 100,000 / 100,000" keeps a clear gap before "Go to step"', async (ctx) => {
    await seedOnSmall(ctx)
    await selectOptionContaining(ctx, '[data-testid=recording]', 'clicks.jsonl')
    await startSession(ctx)
    await runToEnd(ctx)
    await ctx.page.setViewportSize({ width: 1024, height: 700 })
    try {
      // From the end of the position's text (not its box, which may be wider) to the label's first letter.
      const gap = await waitFor(() => ctx.page.evaluate(() => {
        const pos = document.querySelector('[data-testid=timeline-pos]')
        const range = document.createRange()
        range.selectNodeContents(pos)
        // At 1024 px the label is the box's placeholder: the control starts at the form.
        const control = document.querySelector('.tt-bar form.go')
        return /^step [\d,]{7} \/ [\d,]{7}$/.test(pos.textContent.trim()) && { text: pos.textContent.trim(), gap: control.getBoundingClientRect().left - range.getBoundingClientRect().right }
      }), 'the position of a 100,000-step run')
      await shot(ctx, '26b-timeline-pos-1024.png')
      assert(gap.gap >= 16, `"${gap.text}" ends ${gap.gap.toFixed(1)} px before "Go to step" (16 at least)`)
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
      await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
    }
  }],

  ['the Charts tab at 1024 × 700 after a 7,071-step run: no two labels drawn on one row overlap (the step axis read "1,0002,0003,000")', async (ctx) => {
    await selectOptionContaining(ctx, '[data-testid=examples]', 'failed-logins.ts')
    await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('failed-logins.ts'), 'the failed-logins job')
    await selectOptionContaining(ctx, '[data-testid=recording]', 'logins')
    await startSession(ctx)
    await runToEnd(ctx)
    await ctx.page.setViewportSize({ width: 1024, height: 700 })
    try {
      await ctx.page.click('[data-testid=tab-charts]')
      // Each chart's drawn texts (ECharts draws on a canvas): text, left, top, right, by chart.
      const drawn = () => ctx.page.evaluate(() => [...document.querySelectorAll('[data-testid=charts] .chart')].map((el) =>
        (el.riffleChart?.getZr().storage.getDisplayList() ?? []).filter((e) => e.type === 'tspan' && e.style?.text && !e.ignore && !e.invisible).map((e) => {
          const r = e.getBoundingRect().clone()
          const m = e.getComputedTransform()
          if (m) r.applyTransform(m)
          return { text: e.style.text, x: r.x, y: Math.round(r.y), right: r.x + r.width }
        })))
      const charts = await waitFor(async () => { const d = await drawn(); return d.length === 3 && d.every((c) => c.some((t) => /^7(,000|k)$/.test(t.text))) && d }, 'the three charts, their step axis reaching 7,000')
      await shot(ctx, '54d-charts-1024.png')
      const overlaps = charts.flatMap((texts) => texts.flatMap((a) => texts.filter((b) => a !== b && a.y === b.y && a.x <= b.x && b.x < a.right + 2).map((b) => `${a.text} / ${b.text}`)))
      assert(overlaps.length === 0, `labels drawn over each other at 1024 px: ${JSON.stringify(overlaps.slice(0, 8))}`)
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
      await ctx.page.click('[data-testid=tab-outputs]')
      await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.ts')
      await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
    }
  }],

  ['key detail at 1024 × 700: a list state\'s entries, each with a readable time, stay inside the state\'s box (the time ran 6 px past it), each time whole on a line', async (ctx) => {
    await selectOptionContaining(ctx, '[data-testid=examples]', 'failed-logins.ts')
    await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('failed-logins.ts'), 'the failed-logins job')
    await selectOptionContaining(ctx, '[data-testid=recording]', 'logins')
    await startSession(ctx)
    await ctx.page.fill('[data-testid=goto-step]', '2500')
    await ctx.page.click('[data-testid=goto-go]')
    await waitFor(async () => (await stepNo(ctx)) === 2500, 'step 2500', 60_000)
    await ctx.page.setViewportSize({ width: 1024, height: 700 })
    try {
      // u00095 holds two failed logins at step 2500, each {ts, ip}: the ts with its readable time.
      await selectKey(ctx, '"u00095"')
      await waitFor(async () => (await ctx.page.locator('[data-testid=key-detail] [data-state=recent_failures] [data-testid=value-time]').count()) === 2, 'the two failures with their times')
      const fit = await waitFor(async () => { const f = await keyDetailFit(ctx); return f.past.every((p) => p <= 0) ? f : null }, 'the state boxes fitted', 5_000).catch(() => keyDetailFit(ctx))
      await ctx.page.locator('[data-testid=key-detail] [data-state=recent_failures]').screenshot({ path: `${ctx.artifacts}/54e-list-state-1024.png` })
      assert(fit.sideways <= 0 && fit.cut.length === 0 && fit.past.every((p) => p <= 0), `the key detail at 1024 px: ${JSON.stringify(fit)}`)
      // Each readable time fits the pane whole, so it is on one line (it may break after its "T" only when it cannot).
      const split = await ctx.page.$$eval('[data-testid=key-detail] [data-testid=value-time]', (chips) => chips
        .filter((c) => c.getClientRects().length !== 1 || c.getBoundingClientRect().height > 1.5 * parseFloat(getComputedStyle(c).fontSize) * 1.4).map((c) => c.textContent))
      assert(split.length === 0, `readable times split over two lines though they fit whole: ${JSON.stringify(split)}`)
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
      await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.ts')
      await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
    }
  }],

  ['the top bar at 1024 × 700 with "Open path…" open: its box, Open and × are inside the window (× was cut at the edge)', async (ctx) => {
    await ctx.page.setViewportSize({ width: 1024, height: 700 })
    try {
      // An unsaved edit: the job's name has its dot, as when a user fixes the job and then opens another recording.
      await replaceSource(ctx, (await editorValue(ctx)) + '\n// edited\n')
      await ctx.page.click('text=Open path…')
      await ctx.page.waitForSelector('[data-testid=recording-path]')
      // The box has the focus: the path is typed at once, and Escape closes it.
      assert(await ctx.page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'recording-path'), 'the path box has the focus')
      const fit = await ctx.page.evaluate(() => {
        const bar = document.querySelector('header.topbar')
        const out = [...bar.querySelectorAll('input, button, select')].filter((e) => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().right > bar.getBoundingClientRect().right + 0.5)
        const box = document.querySelector('[data-testid=recording-path]')
        return { sideways: bar.scrollWidth - bar.clientWidth, out: out.map((e) => e.textContent || e.getAttribute('aria-label')), box: box.getBoundingClientRect().width }
      })
      await shot(ctx, '54f-open-path-1024.png')
      assert(fit.sideways <= 0 && fit.out.length === 0 && fit.box >= 100, `the path form fits the top bar at 1024 px: ${JSON.stringify(fit)}`)
      await ctx.page.keyboard.press('Escape')
      await waitFor(async () => (await ctx.page.locator('[data-testid=recording-path]').count()) === 0, 'Escape closes the path box')
    } finally {
      await ctx.page.keyboard.press('Escape')
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
      await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.ts')
    }
  }],

  ['a job that throws, at 1024 × 700: the error above the editor leaves the code in sight, the throwing line with it (the error took 153 of 258 px)', async (ctx) => {
    await seedOnSmall(ctx)
    const seed = await editorValue(ctx)
    const throwing = seed.replace('const now = ctx.timestamp()!', "const now = ctx.timestamp()!\n    if (event.user_id === 'u2') throw new Error('bad user ' + event.user_id)")
    assert(throwing !== seed, 'the seed has the line the test changes')
    const line = throwing.split('\n').findIndex((l) => l.includes("throw new Error('bad user '")) + 1
    await replaceSource(ctx, throwing)
    await ctx.page.setViewportSize({ width: 1024, height: 700 })
    try {
      await startSession(ctx)
      await ctx.page.keyboard.press('F5')
      await waitFor(async () => (await phase(ctx)) === 'failed', 'the throw at u2\'s first event')
      const box = await waitFor(() => ctx.page.evaluate(() => {
        const e = document.querySelector('[data-testid=job-error]')
        return e && { error: e.getBoundingClientRect().height, pane: e.parentElement.getBoundingClientRect().height, scrolls: e.scrollHeight > e.clientHeight, text: e.textContent }
      }), 'the error above the editor')
      await waitFor(() => lineShown(ctx, line), `line ${line} in sight`, 5_000).catch(() => null)
      const lines = await shownLines(ctx)
      await shot(ctx, '54g-job-threw-1024.png')
      assert(/bad user u2/.test(box.text) && box.error <= 0.45 * box.pane && box.scrolls, `the error takes at most 45 % of the editor's pane and scrolls: ${JSON.stringify({ ...box, text: undefined })}`)
      assert(lines.includes(line) && lines.length >= 6, `the throwing line ${line} and the code around it in sight: lines ${JSON.stringify(lines)}`)
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
      await replaceSource(ctx, seed)
    }
  }],
]
