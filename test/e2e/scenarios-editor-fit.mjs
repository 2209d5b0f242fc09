// The editor while debugging at 1024 × 700 (and 1440 × 900): inline values end inside the editor's text area (at
// 1024 px they ran past its right edge, out of sight), a cut one whole in its hover.
import { assert, waitFor } from './harness.mjs'
import { phase, seedOnSmall, shot, startSession, stepNo } from './ui.mjs'
import { clearBreakpoints } from './debugger-ui.mjs'

const SIZES = [[1024, 700], [1440, 900]]

/** The seed's line holding `needle`. */
async function lineOf(ctx, needle) {
  const src = await ctx.page.evaluate(() => window.__riffleEditor.getValue())
  return src.split('\n').findIndex((l) => l.includes(needle)) + 1
}

/** Each inline value drawn in the editor (not the sticky lines on top), with how far its right end is past the text area's. */
function inlineValues(ctx) {
  return ctx.page.evaluate(() => {
    const guard = document.querySelector('#editor .overflow-guard').getBoundingClientRect()
    // The text area ends where the minimap, or else the vertical scrollbar, begins.
    const lefts = ['.minimap', '.scrollbar.vertical'].map((s) => document.querySelector(`#editor ${s}`)?.getBoundingClientRect())
      .filter((r) => r && r.width > 0).map((r) => r.left)
    const edge = Math.min(guard.right, ...lefts)
    return [...document.querySelectorAll('#editor .view-lines .riffle-inline-value')].map((e) => {
      const r = e.getBoundingClientRect()
      return { text: e.textContent.replace(/\u00a0/g, ' ').trim(), past: Math.round(r.right - edge), x: r.left + r.width / 2, y: r.top + r.height / 2 }
    })
  })
}

export const editorFitScenarios = [
  ['inline values at 1024 × 700 and 1440 × 900 end inside the editor\'s text area; a cut one ends in an ellipsis and its hover shows it whole', async (ctx) => {
    await seedOnSmall(ctx)
    await clearBreakpoints(ctx)
    try {
      for (const [width, height] of SIZES) {
        await ctx.page.setViewportSize({ width, height })
        await startSession(ctx)
        // The first output: u1's timer firing, whose onTimer reads both states and clears them (values on six lines).
        await ctx.page.keyboard.press('F11')
        await waitFor(async () => (await phase(ctx)) === 'ready' && (await stepNo(ctx)) > 0, 'the first output')
        const line = await lineOf(ctx, 'session_start: this.sessionStart.value()!')
        await ctx.page.evaluate((l) => window.__riffleEditor.revealLine(l), line)
        const values = await waitFor(async () => { const v = await inlineValues(ctx); return v.length >= 5 && v }, 'the step\'s inline values')
        await shot(ctx, `editor-fit-01-inline-values-${width}.png`)
        const past = values.filter((v) => v.past > 1)
        assert(past.length === 0, `inline values run past the editor's right edge at ${width} px: ${JSON.stringify(past)}`)
        const cut = values.filter((v) => v.text.endsWith('…'))
        if (width === 1024) assert(cut.length > 0, `at 1024 px a value after session_start's long line is cut to fit: ${JSON.stringify(values)}`)
        for (const v of cut.slice(0, 1)) {
          await ctx.page.mouse.move(v.x, v.y)
          const hover = await waitFor(async () => {
            const t = (await ctx.page.locator('.monaco-hover').allInnerTexts()).join('\n')
            return t.includes(v.text.slice(0, -1)) && t.length > v.text.length && t
          }, `the hover of the cut value "${v.text}"`, 10_000)
          await shot(ctx, `editor-fit-01b-inline-hover-${width}.png`)
          assert(/1708848000000/.test(hover), `the hover shows the value whole: ${hover}`)
          await ctx.page.mouse.move(5, 5)
        }
        await ctx.page.click('[data-testid=stop]')
      }
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
    }
  }],

]
