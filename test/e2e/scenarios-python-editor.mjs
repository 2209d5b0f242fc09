// The editor with a Python job: the Examples menu's Python twin opens as Python (highlighted), completion offers
// the pyflink names Riffle provides with their signatures, and a Python syntax error is a marker at its line: at Start,
// and as you type (the live check); a compile error of a text since fixed is shown as stale.
import { assert, waitFor } from './harness.mjs'
import { diagnostics, editorValue, replaceSource, selectOptionContaining, shot, text } from './ui.mjs'

const language = (ctx) => ctx.page.evaluate(() => window.__riffleEditor.language())

export const pythonEditorScenarios = [
  ['a Python example opens as Python: highlighted, completing pyflink names with signatures, a syntax error marked at its line', async (ctx) => {
    try {
      await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.py (Python)')
      await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('sessionizer-seed.py'), 'the Python job name')
      const seed = await editorValue(ctx)
      assert(seed.includes('def process_element(self, event, ctx, out):'), 'the Python seed is in the editor')
      assert((await language(ctx)) === 'python', `the model is Python (got ${await language(ctx)})`)
      await shot(ctx, '10-python-example.png')
      // Highlighting: on the first import line the keywords and the names are drawn in different colours.
      const colours = await waitFor(() => ctx.page.evaluate(() => {
        const plain = (el) => el.textContent.replace(/\u00a0/g, ' ') // Monaco draws spaces as no-break spaces
        const line = [...document.querySelectorAll('#editor .view-line')].find((l) => plain(l).includes('import ValueStateDescriptor'))
        const span = (t) => [...(line?.querySelectorAll('span span') ?? [])].find((s) => plain(s).trim() === t)
        const kw = span('import')
        const name = span('ValueStateDescriptor')
        return kw && name ? [getComputedStyle(kw).color, getComputedStyle(name).color] : null
      }), 'the import line to render', 5_000).catch(async (e) => {
        const html = await ctx.page.evaluate(() => [...document.querySelectorAll('#editor .view-line')].slice(0, 6).map((l) => l.innerHTML).join('\n'))
        throw new Error(`${e.message}: ${html.slice(0, 1500)}`)
      })
      assert(colours[0] !== colours[1], `import and the name have different colours (${colours})`)

      // Completion: after `from pyflink.datastream.state import `, the module's names with their signatures.
      await replaceSource(ctx, `${seed}\nfrom pyflink.datastream.state import `)
      await ctx.page.keyboard.press('Control+End')
      await ctx.page.keyboard.press('Control+Space')
      const rows = await waitFor(async () => {
        const r = await ctx.page.locator('.suggest-widget .monaco-list-row').allInnerTexts()
        return r.some((t) => t.startsWith('ValueStateDescriptor')) ? r : null
      }, 'a completion list offering ValueStateDescriptor', 15_000)
      assert(!rows.some((t) => t.startsWith('KeyedProcessFunction')), `only pyflink.datastream.state's names (got ${rows})`)
      await ctx.page.keyboard.type('ValueStateD')
      await waitFor(async () => (await ctx.page.locator('.suggest-widget .monaco-list-row.focused').innerText().catch(() => '')).startsWith('ValueStateDescriptor'),
        'ValueStateDescriptor focused', 10_000)
      // The details (signature and doc): Ctrl+Space toggles them, and Monaco keeps them open from one completion list
      // to the next, so they may be open already (the TypeScript scenario's Ctrl+Space opens them when typing `Types.`
      // had already opened its list). Pressed only while they are hidden: pressed blindly, it closed them.
      const details = ctx.page.locator('.suggest-details')
      let pressedAt = 0
      await waitFor(async () => {
        if (await details.isVisible()) return (await details.innerText()).includes('value_type_info')
        if (Date.now() - pressedAt > 3_000) {
          await ctx.page.keyboard.press('Control+Space')
          pressedAt = Date.now()
        }
        return false
      }, 'the signature in the details', 30_000)
      await shot(ctx, '11-python-completion.png')
      await ctx.page.keyboard.press('Escape')

      // A syntax error: the compile marks its line, the same way as a TypeScript one.
      const broken = seed.replace('if self.session_start.value() is None:', 'if self.session_start.value() is None')
      const line = broken.split('\n').findIndex((l) => l.trimEnd().endsWith('is None')) + 1
      await replaceSource(ctx, broken)
      await ctx.page.click('[data-testid=start]')
      const banner = await waitFor(async () => text(ctx, '[data-testid=job-error]').catch(() => null), 'the compile error banner', 90_000)
      assert(/Compile error/.test(banner) && banner.includes(`sessionizer-seed.py:${line}`), `the banner names line ${line}: ${banner}`)
      const marker = await waitFor(async () => (await diagnostics(ctx)).find((d) => d.line === line), `a marker at line ${line}`)
      assert(/SyntaxError/.test(marker.message), `the marker is the SyntaxError: ${marker.message}`)
      await shot(ctx, '12-python-syntax-error.png')

      // Fixed in the editor: the compile error is no longer shown as current (its marker goes, the banner says so).
      await replaceSource(ctx, seed)
      await waitFor(async () => (await ctx.page.locator('[data-testid=job-error].stale').count()) === 1, 'the banner marked stale')
      await waitFor(async () => (await diagnostics(ctx)).length === 0, 'no error marker on the fixed source')
      // Broken again while typing, with no Start: the live check marks the SyntaxError at its line.
      const broken2 = seed.replace('def process_element(self, event, ctx, out):', 'def process_element(self, event, ctx, out)')
      const line2 = broken2.split('\n').findIndex((l) => l.includes('def process_element(self, event, ctx, out)')) + 1
      await replaceSource(ctx, broken2)
      const live = await waitFor(async () => (await diagnostics(ctx)).find((d) => d.line === line2), `a live marker at line ${line2}`, 60_000)
      assert(/SyntaxError: expected ':'/.test(live.message), `the live marker is Python's SyntaxError: ${live.message}`)
      await shot(ctx, '12b-python-live-syntax-error.png')
      await replaceSource(ctx, seed)
      await waitFor(async () => (await diagnostics(ctx)).length === 0, 'the live marker gone once fixed')
    } finally {
      // Back to the TypeScript seed for the scenarios that follow, also after a failure here (they start sessions
      // from the editor: a broken Python job left in it failed six scenarios after this one).
      await ctx.page.keyboard.press('Escape').catch(() => undefined)
      await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.ts (TypeScript)')
      await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('sessionizer-seed.ts'), 'the TypeScript job name')
    }
    assert((await language(ctx)) === 'typescript', 'the model is TypeScript again')
  }],
]
