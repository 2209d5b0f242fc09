// The bottom panel and the editor's gutter at the window sizes users have: the tabs stay one row (the rest in a "…"
// menu, the active tab always shown), setting or stopping on a breakpoint moves no code sideways, and the key
// timeline's marks on one point are apart, each with its tooltip.
import { assert, waitFor } from './harness.mjs'
import { phase, seedOnSmall, selectKey, shot, startSession, stepNo } from './ui.mjs'

const attr = (ctx, sel, name) => ctx.page.getAttribute(sel, name)

export const panelScenarios = [
  ['the bottom tabs are one row at 1024, 1280 and 1920 px: those that do not fit are in a "…" menu, the active tab always shows, keyboard too', async (ctx) => {
    /** The strip's tabs in sight: their rows (distinct tops), names, and whether any is cut by the strip or the window. */
    const strip = () => ctx.page.evaluate(() => {
      const list = document.querySelector('.tab-strip [role=tablist]')
      const edge = Math.min(window.innerWidth, list.closest('.tab-strip').getBoundingClientRect().right)
      const shown = [...list.querySelectorAll('[role=tab]')].filter((t) => t.getBoundingClientRect().width > 0)
      const more = document.querySelector('[data-testid=tab-more]')
      return { rows: new Set(shown.map((t) => Math.round(t.getBoundingClientRect().top))).size, shown: shown.map((t) => t.dataset.testid.slice(4)),
        cut: shown.filter((t) => t.getBoundingClientRect().right > edge + 0.5).map((t) => t.textContent),
        more: more && more.getBoundingClientRect().width > 0 ? more.getBoundingClientRect().right <= edge + 0.5 : null }
    })
    const all = await ctx.page.$$eval('.tab-strip [role=tab]', (ts) => ts.map((t) => t.dataset.testid.slice(4)))
    try {
      for (const [width, height] of [[1920, 1000], [1280, 800], [1024, 700]]) {
        await ctx.page.setViewportSize({ width, height })
        await ctx.page.click('[data-testid=tab-outputs]')
        const s = await waitFor(async () => { const s = await strip(); return s.rows === 1 ? s : null }, `the tabs on one row at ${width} px`, 5_000)
          .catch(async () => strip())
        await shot(ctx, `52f-bottom-tabs-${width}.png`)
        assert(s.rows === 1 && s.cut.length === 0, `the bottom tabs are one row, none cut, at ${width} px: ${JSON.stringify(s)}`)
        if (width === 1920) assert(s.shown.length === all.length && s.more === null, `every tab in the strip at 1920 px, no "…": ${JSON.stringify(s)}`)
      }
      // At 1024 px some tabs are in the "…" menu: it lists exactly those not in the strip.
      const s = await strip()
      assert(s.more === true && s.shown.length < all.length, `at 1024 px a "…" button is in sight for the tabs that do not fit: ${JSON.stringify(s)}`)
      await ctx.page.click('[data-testid=tab-more]')
      const listed = await ctx.page.$$eval('[data-testid=tab-more-menu] [role=menuitem]', (items) => items.map((i) => i.dataset.testid.slice(9)))
      assert(JSON.stringify(listed) === JSON.stringify(all.filter((t) => !s.shown.includes(t))), `the menu lists the hidden tabs ${JSON.stringify(listed)} (shown ${JSON.stringify(s.shown)})`)
      await shot(ctx, '52g-bottom-tabs-more-1024.png')
      // Picking the last one opens it, and it shows in the strip, selected, on the same one row.
      const last = all[all.length - 1]
      await ctx.page.click(`[data-testid=tab-more-${last}]`)
      await waitFor(async () => (await attr(ctx, `[data-testid=tab-${last}]`, 'aria-selected')) === 'true', 'the picked tab selected')
      const after = await strip()
      assert(after.rows === 1 && after.shown.includes(last) && after.cut.length === 0 && (await ctx.page.locator('[data-testid=tab-more-menu]').count()) === 0,
        `the picked tab is in the strip, the menu closed: ${JSON.stringify(after)}`)
      await shot(ctx, '52h-bottom-tabs-picked-1024.png')
      // Keyboard: Home goes to the first tab, End to the last (hidden at first) one, which then shows.
      await ctx.page.focus(`[data-testid=tab-${last}]`)
      await ctx.page.keyboard.press('Home')
      await waitFor(async () => (await attr(ctx, `[data-testid=tab-${all[0]}]`, 'aria-selected')) === 'true', 'Home selects the first tab')
      await ctx.page.keyboard.press('End')
      await waitFor(async () => (await strip()).shown.includes(last) && (await ctx.page.evaluate(() => document.activeElement?.dataset.testid)) === `tab-${last}`, 'End selects, shows and focuses the last tab')
      // The "…" button opens its menu from the keyboard; Escape closes it and gives the focus back.
      await ctx.page.focus('[data-testid=tab-more]')
      await ctx.page.keyboard.press('Enter')
      await waitFor(async () => (await ctx.page.evaluate(() => document.activeElement?.getAttribute('role'))) === 'menuitem', 'Enter opens the menu with its first item focused')
      await ctx.page.keyboard.press('ArrowDown')
      const picked = await ctx.page.evaluate(() => document.activeElement?.dataset.testid.slice(9))
      await ctx.page.keyboard.press('Enter')
      await waitFor(async () => (await attr(ctx, `[data-testid=tab-${picked}]`, 'aria-selected')) === 'true', 'Enter on a menu item selects its tab')
      await ctx.page.focus('[data-testid=tab-more]')
      await ctx.page.keyboard.press('Enter')
      await ctx.page.waitForSelector('[data-testid=tab-more-menu]')
      await ctx.page.keyboard.press('Escape')
      await waitFor(async () => (await ctx.page.locator('[data-testid=tab-more-menu]').count()) === 0 && (await ctx.page.evaluate(() => document.activeElement?.dataset.testid)) === 'tab-more', 'Escape closes the menu, focus back on "…"')
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
      await ctx.page.click('[data-testid=tab-outputs]')
    }
  }],

  ['the editor\'s code stays put when the first breakpoint is set and when the run stops on it (the gutter is reserved from the start)', async (ctx) => {
    await seedOnSmall(ctx)
    await ctx.page.click('[data-testid=tab-breakpoints]')
    while ((await ctx.page.locator('[data-testid=bp-remove]').count()) > 0) await ctx.page.locator('[data-testid=bp-remove]').first().click()
    await startSession(ctx)
    // Where the code starts: the text area's left edge and the first code character's.
    const codeX = () => ctx.page.evaluate(() => ({
      lines: Math.round(document.querySelector('#editor .view-lines').getBoundingClientRect().left),
      text: Math.round(document.querySelector('#editor .view-line > span').getBoundingClientRect().left),
    }))
    const before = await codeX()
    await shot(ctx, '53a-editor-before-breakpoint.png')
    const pt = await ctx.page.evaluate(() => window.__riffleEditor.glyphPoint(25))
    await ctx.page.mouse.move(pt.x, pt.y)
    await ctx.page.mouse.click(pt.x, pt.y)
    await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.classesAt(25))).some((c) => /\briffle-bp\b/.test(c)), 'the breakpoint on line 25', 3_000)
    await new Promise((r) => setTimeout(r, 150))
    const set = await codeX()
    await shot(ctx, '53b-editor-first-breakpoint.png')
    assert(JSON.stringify(set) === JSON.stringify(before), `setting the first breakpoint moved the code: ${JSON.stringify(before)} → ${JSON.stringify(set)}`)
    // Stopped on it: the current-line arrow and the breakpoint on one line move nothing either.
    await ctx.page.mouse.move(pt.x + 300, pt.y + 40)
    await ctx.page.keyboard.press('F5')
    await waitFor(async () => (await ctx.page.locator('[data-testid=breakpoint-hit]').count()) > 0 && (await phase(ctx)) === 'ready', 'the stop at line 25', 30_000)
    await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.classesAt(25))).some((c) => /\briffle-current-glyph\b/.test(c)), 'the current line at 25', 5_000)
    await new Promise((r) => setTimeout(r, 150))
    const stopped = await codeX()
    await shot(ctx, '53c-editor-stopped-on-breakpoint.png')
    const at = await ctx.page.evaluate(() => window.__riffleEditor.glyphPoint(25))
    await ctx.page.screenshot({ path: `${ctx.artifacts}/53d-gutter-stopped-on-breakpoint.png`, clip: { x: at.x - 30, y: at.y - 30, width: 160, height: 60 } })
    // Both marks drawn, in one glyph (the arrow alone hid the breakpoint).
    const glyphs = await ctx.page.$$eval('#editor .glyph-margin-widgets .riffle-current-glyph', (els) => els.map((e) => e.className))
    assert(glyphs.length === 1 && /\briffle-bp\b/.test(glyphs[0]), `the stopped line's glyph shows the breakpoint and the arrow: ${JSON.stringify(glyphs)}`)
    assert(JSON.stringify(stopped) === JSON.stringify(before), `stopping on the breakpoint moved the code: ${JSON.stringify(before)} → ${JSON.stringify(stopped)}`)
    while ((await ctx.page.locator('[data-testid=bp-remove]').count()) > 0) await ctx.page.locator('[data-testid=bp-remove]').first().click()
    await ctx.page.click('[data-testid=tab-outputs]')
  }],

  ['the key timeline at 1024 × 700: the seed\'s event and its delete of `now` are two marks side by side (the dot was drawn inside the diamond), each with a tooltip saying what it is', async (ctx) => {
    await ctx.page.setViewportSize({ width: 1024, height: 700 })
    try {
      await seedOnSmall(ctx)
      await startSession(ctx)
      await ctx.page.keyboard.press('F10')
      await waitFor(async () => (await stepNo(ctx)) === 1, 'step 1')
      await selectKey(ctx, '"u1"')
      if (await ctx.page.locator('[data-testid=tab-timeline]').isVisible()) await ctx.page.click('[data-testid=tab-timeline]')
      else { await ctx.page.click('[data-testid=tab-more]'); await ctx.page.click('[data-testid=tab-more-timeline]') }
      // Step 1's event and the delete that named its timestamp, in page pixels, each where the chart draws it now: read
      // again before each hover, as the page's layout moves the chart (the UTC/local button below makes the status bar
      // a row taller at 1024 px, and the bottom panel above it moves up by that row).
      const marksNow = () => waitFor(() => ctx.page.evaluate(() => {
        const el = document.querySelector('[data-testid=key-timeline] .chart')
        const series = el?.riffleChart?.getOption().series ?? []
        const first = (name) => series.find((s) => s.name === name)?.data?.find((d) => d.value[0] === 1)
        const [event, missed] = [first('events'), first('delete found nothing')]
        if (!event || !missed) return null
        const box = el.getBoundingClientRect()
        const at = (d) => { const [x, y] = el.riffleChart.convertToPixel({ gridIndex: 0 }, d.value); return { x: box.left + x + (d.symbolOffset?.[0] ?? 0), y: box.top + y } }
        return { event: at(event), missed: at(missed) }
      }), 'step 1\'s event and its delete in the timeline')
      const marks = await marksNow()
      await ctx.page.waitForTimeout(200)
      await shot(ctx, '55-key-timeline-marks-1024.png')
      // Apart: the dot (8 px) and the diamond (12 px) do not overlap.
      assert(Math.abs(marks.event.x - marks.missed.x) >= 10 && Math.abs(marks.event.y - marks.missed.y) < 1, `the event and the delete are side by side: ${JSON.stringify(marks)}`)
      const tip = async (which) => {
        let p = null
        // On the mark, and on it again if the layout has moved it since.
        const onMark = async () => {
          const now = (await marksNow())[which]
          if (p?.x !== now.x || p?.y !== now.y) { p = now; await ctx.page.mouse.move(p.x, p.y) }
        }
        const read = () => ctx.page.evaluate(() => {
          const d = [...document.querySelectorAll('[data-testid=key-timeline] .chart > div')]
            .find((d) => !d.querySelector('canvas') && getComputedStyle(d).display !== 'none' && getComputedStyle(d).opacity !== '0' && d.innerText.includes('step 1 '))
          return d && { text: d.innerText, right: d.getBoundingClientRect().right }
        })
        // Once it has glided to the mark (ECharts moves it there): at the chart's right edge it ran past the window.
        const t = await waitFor(async () => { await onMark(); const t = await read(); return t?.right <= 1024 && t }, 'the mark\'s tooltip, inside the window', 5_000)
          .catch(async (e) => { throw new Error(`${e.message} (the ${which} at ${JSON.stringify(p)}): ${JSON.stringify(await read())}`) })
        return t.text
      }
      const onEvent = await tip('event')
      assert(/^An event of this key/.test(onEvent), `the event's tooltip says it is an event: ${onEvent}`)
      const onMissed = await tip('missed')
      await shot(ctx, '55b-key-timeline-delete-tooltip-1024.png')
      assert(/deleted nothing/.test(onMissed) && /delete at line \d+ named this time/.test(onMissed), `the delete's tooltip says it deleted nothing and names its line: ${onMissed}`)
      // The status bar's UTC/local button switches the chart's times too (they stayed in UTC: "…Z", never "+hh:mm").
      await ctx.page.mouse.move(0, 0)
      await ctx.page.click('[data-testid=time-zone]')
      try {
        const local = await tip('event')
        await shot(ctx, '55c-key-timeline-local-time-1024.png')
        assert(/T\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d\)/.test(local), `in local time, the tooltip's time has its offset: ${local}`)
      } finally {
        await ctx.page.click('[data-testid=time-zone]')
      }
    } finally {
      await ctx.page.mouse.move(0, 0)
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
      await ctx.page.click('[data-testid=tab-outputs]')
    }
  }],
]
