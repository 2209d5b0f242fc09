// A Flink developer's first hour with Riffle (helper user39): what got in the way while pasting the seed article's
// Sessionizer, stepping it, breaking it on purpose and fixing it, each turned into a scenario.
import { copyFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { assert, waitFor } from './harness.mjs'
import { clearBreakpoints, editorCall, loadSeed } from './debugger-ui.mjs'
import { replaceSource, selectOptionContaining, shot, text } from './ui.mjs'

/** The editor's gutter marks on `line`: each glyph's classes, its drawn shape (::before's text) and background. */
function gutterMarks(ctx, line) {
  return ctx.page.evaluate((l) => {
    const top = window.__riffleEditor.glyphPoint(l).y
    return [...document.querySelectorAll('#editor .glyph-margin-widgets > div')]
      .filter((e) => { const r = e.getBoundingClientRect(); return r.height > 0 && r.top <= top && r.bottom >= top })
      .map((e) => ({ cls: e.className, before: getComputedStyle(e, '::before').content, bg: getComputedStyle(e).backgroundColor }))
  }, line)
}

/** The recordings menu's entries, as the user reads them. */
const recordingOptions = (ctx) => ctx.page.$eval('[data-testid=recording]', (el) => [...el.options].map((o) => o.textContent.trim()))

/** Goes to the recordings menu the way a user does (Tab or a click focuses it first). */
async function focusRecordings(ctx) {
  await ctx.page.$eval('[data-testid=recording]', (el) => el.blur())
  await ctx.page.focus('[data-testid=recording]')
}

/** How wide the watch input's placeholder is drawn and how much room the box has for it (px). */
function watchPlaceholderFit(ctx) {
  return ctx.page.$eval('[data-testid=watch-add]', (el) => {
    const cs = getComputedStyle(el)
    const c = document.createElement('canvas').getContext('2d')
    c.font = cs.font
    return { text: el.placeholder, need: c.measureText(el.placeholder).width, room: el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) }
  })
}

export const user39Scenarios = [
  ['a compile error\'s gutter mark is a cross, not a red dot like the breakpoint beside it, and its hover says the error', async (ctx) => {
    await loadSeed(ctx)
    await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
    await clearBreakpoints(ctx)
    const seed = await ctx.page.evaluate(() => window.__riffleEditor.getValue())
    const lines = seed.split('\n')
    const bpLine = lines.findIndex((l) => l.includes('deleteEventTimeTimer(now)')) + 1
    const slipLine = lines.findIndex((l) => l.includes('registerEventTimeTimer(now + TIMEOUT)')) + 1
    // A user's slip: a closing parenthesis lost (the compiler names the line after it, where it found the brace).
    await replaceSource(ctx, lines.map((l, i) => (i + 1 === slipLine ? l.replace('TIMEOUT)', 'TIMEOUT') : l)).join('\n'))
    const at = await editorCall(ctx, 'glyphPoint', bpLine)
    await ctx.page.mouse.click(at.x, at.y)
    await waitFor(async () => (await gutterMarks(ctx, bpLine)).some((m) => m.cls.includes('riffle-bp')), 'the breakpoint\'s dot')
    await ctx.page.click('[data-testid=start]')
    const banner = await waitFor(async () => text(ctx, '[data-testid=job-error]').catch(() => null), 'the compile error banner', 30_000)
    const badLine = Number(/\.ts:(\d+):/.exec(banner)?.[1])
    assert(badLine > bpLine, `the banner names a line after the breakpoint's: ${banner}`)
    await editorCall(ctx, 'revealLine', badLine)
    const marks = await waitFor(async () => {
      const m = (await gutterMarks(ctx, badLine)).filter((g) => g.cls.includes('riffle-error-glyph'))
      return m.length > 0 ? m : null
    }, 'the error line\'s gutter mark')
    const dot = (await gutterMarks(ctx, bpLine)).find((m) => m.cls.includes('riffle-bp'))
    const editor = await ctx.page.locator('#editor').boundingBox()
    const y = (await editorCall(ctx, 'glyphPoint', badLine)).y
    await ctx.page.screenshot({ path: `${ctx.artifacts}/user39-error-glyph.png`, clip: { x: editor.x, y: y - 90, width: 520, height: 150 } })
    // The breakpoint is a filled red disc; the error mark drew one too, 2 px smaller, nearly the same red.
    assert(marks.every((m) => m.bg === 'rgba(0, 0, 0, 0)' && /✖/.test(m.before)), `the error mark is a cross, not a disc: ${JSON.stringify(marks)} (breakpoint ${JSON.stringify(dot)})`)
    // Hovering the mark says what it is.
    const at2 = await editorCall(ctx, 'glyphPoint', badLine)
    await ctx.page.mouse.move(at2.x, at2.y)
    const hover = await waitFor(async () => {
      const t = await ctx.page.locator('.monaco-hover:not(.hidden)').allInnerTexts()
      return t.find((x) => /does not compile/.test(x)) ?? null
    }, 'the error mark\'s hover', 10_000).catch(async (e) => { throw new Error(`${e.message}: ${JSON.stringify(await ctx.page.locator('.monaco-hover').allInnerTexts())}`) })
    assert(/does not compile/.test(hover), `the hover says the job does not compile: ${hover}`)
    await shot(ctx, 'user39-error-glyph-hover.png')
    await ctx.page.mouse.move(1, 1)
    await ctx.page.keyboard.press('Escape')
    await replaceSource(ctx, seed)
    await clearBreakpoints(ctx)
  }],

  ['a recording copied into recordings/ while the app is open is in the menu when the user goes to it, and one removed says so', async (ctx) => {
    const added = join(ctx.project, 'recordings', 'user39-capture.jsonl')
    copyFileSync(join(ctx.project, 'recordings', ctx.recording), added)
    try {
      await focusRecordings(ctx)
      // The menu was read once, when the page loaded: the new capture never showed until a reload.
      await waitFor(async () => (await recordingOptions(ctx)).includes('user39-capture.jsonl (jsonl, 40 events)'), 'the new capture in the menu', 10_000)
        .catch(async (e) => { throw new Error(`${e.message}: ${JSON.stringify(await recordingOptions(ctx))}`) })
      await selectOptionContaining(ctx, '[data-testid=recording]', 'user39-capture.jsonl')
      rmSync(added)
      await focusRecordings(ctx)
      // The chosen file, gone: still named (the menu does not jump to another one), with why it cannot be used.
      const info = await waitFor(async () => { const t = await text(ctx, '[data-testid=recording-info]'); return /does not exist/.test(t) ? t : null },
        'the removed capture marked as gone', 10_000)
      await shot(ctx, 'user39-recording-gone.png')
      assert((await recordingOptions(ctx)).some((o) => o.startsWith('user39-capture.jsonl')), `the chosen file stays in the menu: ${info}`)
      await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
      await focusRecordings(ctx)
      await waitFor(async () => !(await recordingOptions(ctx)).some((o) => o.startsWith('user39-capture.jsonl')), 'the removed file gone from the menu once another is chosen', 10_000)
    } finally {
      rmSync(added, { force: true })
    }
  }],

  ['the Watch input\'s example is whole in its box, TypeScript and Python, at 1440 and 1024 px (it read "event[\\"ts\\"] - wa")', async (ctx) => {
    try {
      for (const [example, needle] of [['sessionizer-seed.ts', 'deleteEventTimeTimer(now)'], ['sessionizer-seed.py', 'delete_event_time_timer(now)']]) {
        await selectOptionContaining(ctx, '[data-testid=examples]', example)
        await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.getValue())).includes(needle), example)
        for (const width of [1440, 1024]) {
          await ctx.page.setViewportSize({ width, height: width === 1440 ? 900 : 700 })
          // Read again until the pane has its new width (right after the resize it may still have the old one).
          let fit = null
          await waitFor(async () => {
            fit = await watchPlaceholderFit(ctx)
            return fit.text.includes(example.endsWith('.py') ? 'event["ts"]' : 'event?.ts') && fit.room > 0 && fit.need <= fit.room
          }, `the ${example} example whole in the watch box`, 5_000).catch(() => {})
          if (width === 1024) await shot(ctx, `user39-watch-placeholder-${example.endsWith('.py') ? 'py' : 'ts'}-1024.png`)
          assert(fit.need <= fit.room, `at ${width} px the watch box shows its example whole: ${JSON.stringify(fit)}`)
        }
      }
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
    }
  }],
]
