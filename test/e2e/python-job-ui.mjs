// Python job scenarios' common moves: a job built around the Python seed's own pipeline (its imports, event time from
// "ts" with 5 s of out-of-orderness, keyed by user_id, read from examples/sessionizer-seed.py rather than copied), and
// a Python session started on it and stepped to a given step.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { assert, ROOT, waitFor } from './harness.mjs'
import { replaceSource, stepNo } from './ui.mjs'
import { clearBreakpoints, loadJob, pickRecording } from './debugger-ui.mjs'

const SEED = readFileSync(join(ROOT, 'examples/sessionizer-seed.py'), 'utf8')
const SEED_PROCESS = '.process(Sessionizer())\n            .name("sessionizer"))'
const PIPELINE_START = 'from pyflink.common import Duration'

/** The seed's pipeline from its imports on, with `processCall` (e.g. '.process(Score()))') in place of its Sessionizer. */
export function seedPipeline(processCall) {
  assert(SEED.includes(SEED_PROCESS) && SEED.includes(PIPELINE_START), 'the Python seed has the pipeline the scenario reuses')
  return SEED.slice(SEED.indexOf(PIPELINE_START)).replace(SEED_PROCESS, processCall)
}

/** Puts `job` in the editor over the seed's tab and the scenario's recording, with no breakpoints, ready to start. */
export async function loadPythonJob(ctx, job) {
  await loadJob(ctx, 'sessionizer-seed.py', 'delete_event_time_timer(now)')
  await pickRecording(ctx, ctx.recording)
  await replaceSource(ctx, job)
  await clearBreakpoints(ctx)
}

/** Starts the Python session (Pyodide's start may take long on a loaded machine) and steps (F10) to `steps`. */
export async function startAndStepTo(ctx, steps) {
  await ctx.page.click('[data-testid=start]')
  await waitFor(async () => (await stepNo(ctx)) === 0, 'the Python session at step 0', 120_000)
  for (let n = 1; n <= steps; n++) {
    await ctx.page.keyboard.press('F10')
    await waitFor(async () => (await stepNo(ctx)) === n, `step ${n}`)
  }
}
