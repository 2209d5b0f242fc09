// Debugger leftovers as a user sees them: the bad-line banner after a step back names its step and where the
// session stands; the key list and the status bar agree during Run to end; number formatting of the output table;
// real-time pacing under a manual processing time.
import { assert, waitFor } from './harness.mjs'
import { replaceSource, selectOptionContaining, shot, startSession, stepNo, text } from './ui.mjs'

export const dbg36Scenarios = [
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
