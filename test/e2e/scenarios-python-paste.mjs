// The seed article's PyFlink Sessionizer pasted into the app as a user meets it: the editor opens on the TypeScript
// seed, the article's code block is pasted over it, Start says it is Python and where it goes, Save as… a .py name
// makes the editor's text Python, and Start says what the module lacks (job(events)) until it is added.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { assert, waitFor } from './harness.mjs'
import { diagnostics, replaceSource, selectOptionContaining, shot, text } from './ui.mjs'

/** The article's code block (examples/sessionizer-seed.py's class, its imports as the block prints them). */
function articleBlock(ctx) {
  const seed = readFileSync(join(ctx.root, 'examples/sessionizer-seed.py'), 'utf8')
  const cls = seed.slice(seed.indexOf('class Sessionizer'), seed.indexOf('\n\n\n# Added for Riffle'))
  return `from pyflink.datastream.functions import KeyedProcessFunction\nfrom pyflink.datastream.timerservice import TimerService\n\n${cls}\n`
}

const language = (ctx) => ctx.page.evaluate(() => window.__riffleEditor.language())

export const pythonPasteScenarios = [
  ['the article\'s PyFlink Sessionizer pasted over the TypeScript seed: Start says it is Python; Save as sessionizer.py makes the editor Python', async (ctx) => {
    await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.ts (TypeScript)')
    await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('sessionizer-seed.ts'), 'the TypeScript seed')
    await replaceSource(ctx, articleBlock(ctx))
    await ctx.page.click('[data-testid=start]')
    const banner = await waitFor(async () => text(ctx, '[data-testid=job-error]').catch(() => null), 'the compile error banner', 30_000)
    await shot(ctx, 'python-paste-01-python-in-ts.png')
    assert(/this is Python/.test(banner) && /Save as/.test(banner) && !/Expected ";"/.test(banner), `the banner says it is Python and to save it as .py: ${banner}`)
    const name = `pasted-${Date.now()}.py`
    await ctx.page.click('text=Save as…')
    await ctx.page.fill('[data-testid=save-name]', name)
    await ctx.page.keyboard.press('Enter')
    await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).startsWith(name), 'the job named .py')
    await waitFor(async () => (await language(ctx)) === 'python', 'the editor\'s text to be Python', 10_000)
      .catch(async (e) => { throw new Error(`${e.message}: ${await language(ctx)}`) })
    // No TypeScript diagnostics on Python (there were 98 red squiggles), and the TypeScript compile error is gone.
    await waitFor(async () => (await diagnostics(ctx)).length === 0, 'no TypeScript markers on the Python text', 10_000)
      .catch(async (e) => { throw new Error(`${e.message}: ${JSON.stringify((await diagnostics(ctx)).slice(0, 3))}`) })
    assert((await ctx.page.locator('[data-testid=job-error]').count()) === 0, 'the TypeScript compile error is not shown for the .py job')
    await shot(ctx, 'python-paste-02-saved-as-py.png')
  }],

  ['the pasted Sessionizer without job(events): Start says the module defines none and shows one to add, in a banner that neither says it threw nor names line 0', async (ctx) => {
    await ctx.page.click('[data-testid=start]')
    const banner = await waitFor(async () => text(ctx, '[data-testid=job-error]').catch(() => null), 'the error banner', 120_000)
    await shot(ctx, 'python-paste-03-no-job.png')
    assert(/defines no function job\(events\)/.test(banner) && banner.includes('.process(Sessionizer()))'), `the banner says what to add: ${banner}`)
    assert(!/threw/.test(banner) && !/\.py:0\b/.test(banner), `the banner neither says the job threw nor names line 0: ${banner}`)
    assert(/^The job cannot run in pasted-\d+\.py/.test(banner), `the banner's title names the file: ${banner}`)
    // The banner shows it: no toast repeats it (it did, with "(pasted-….py:0)" at its end).
    assert((await ctx.page.locator('.toast', { hasText: 'defines no function job' }).count()) === 0, 'no toast repeats the banner')
  }],
]
