// Bytes that are not UTF-8 in the app: a recording line with them is a recording error naming file, line, byte and
// column (it was read with U+FFFD, merging two keys into one); a job file with them does not open, and says why
// (it opened with U+FFFD, and saving it from the editor lost its bytes for good).
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { assert, waitFor } from './harness.mjs'
import { editorValue, replaceSource, selectOptionContaining, shot, startSession, text } from './ui.mjs'

export const notUtf8Scenarios = [
  ['a recording line that is not UTF-8 is a recording error naming file, line, byte and column; a job file that is not UTF-8 does not open', async (ctx) => {
    const seed = ctx.state.seedSource ?? readFileSync(join(ctx.root, 'examples/sessionizer-seed.ts'), 'utf8')
    const before = await editorValue(ctx)
    writeFileSync(join(ctx.project, 'workspace/not-utf8.jsonl'), Buffer.concat([
      Buffer.from('{"ts":1708848000000,"user_id":"a","type":"view","page":"/p/1"}\n{"ts":1708848001000,"user_id":"u'),
      Buffer.from([0xff, 0xfe]), Buffer.from('","type":"view","page":"/p/1"}\n'),
    ]))
    await replaceSource(ctx, seed)
    await ctx.page.click('text=Open path…')
    await ctx.page.fill('[data-testid=recording-path]', 'not-utf8.jsonl')
    await ctx.page.keyboard.press('Enter')
    await waitFor(async () => (await ctx.page.inputValue('[data-testid=recording]')).endsWith('not-utf8.jsonl'), 'not-utf8.jsonl opened')
    await startSession(ctx)
    await ctx.page.click('[data-testid=continue]')
    const banner = await waitFor(async () => text(ctx, '[data-testid=recording-error]'), 'the recording error banner')
    assert(/Recording error/.test(banner) && banner.includes('not-utf8.jsonl, line 2') && banner.includes('not UTF-8: byte 0xFF at column 33'),
      `banner names file, line, byte and column: ${banner}`)
    await shot(ctx, 'not-utf8-recording-line.png')
    await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)

    writeFileSync(join(ctx.project, 'workspace/latin1-job.ts'), Buffer.concat([Buffer.from('// caf'), Buffer.from([0xe9]), Buffer.from('\nexport default 1\n')]))
    const shown = await editorValue(ctx)
    await ctx.page.click('[data-testid=open-job]')
    await ctx.page.click('[role=dialog] button:has-text("latin1-job.ts")')
    const said = await waitFor(async () => {
      const t = await text(ctx, 'body')
      return t.includes('latin1-job.ts:1: not UTF-8: byte 0xE9 at column 7') ? t : null
    }, 'the reason the job does not open')
    assert(said.includes('save it as UTF-8'), 'it says what to do')
    assert((await editorValue(ctx)) === shown, 'the editor still holds the job it had')
    await shot(ctx, 'not-utf8-job-file.png')
    await replaceSource(ctx, before)
  }],
]
