// A Python MapState in the editor's inline values: after u1's second record (a click after a view) the hint of
// self.counts.put(...) wrote the map as the engine's [key, value] pairs, [['view', 1]] → [['view', 1], ['click', 1]],
// where a Python user reads the dict the job holds, {'view': 1} → {'view': 1, 'click': 1}.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { assert, ROOT, waitFor } from './harness.mjs'
import { replaceSource, selectKey, shot, stepNo } from './ui.mjs'
import { clearBreakpoints, loadJob, pickRecording } from './debugger-ui.mjs'

// The Python seed's own pipeline (event time from "ts", keyed by user_id), with Counter in place of the Sessionizer.
const SEED = readFileSync(join(ROOT, 'examples/sessionizer-seed.py'), 'utf8')
const SEED_PROCESS = '.process(Sessionizer())\n            .name("sessionizer"))'
const SEED_PIPELINE = SEED.slice(SEED.indexOf('from pyflink.common import Duration')).replace(SEED_PROCESS, '.process(Counter()))')

const JOB = `from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import MapStateDescriptor


class Counter(KeyedProcessFunction):
    def open(self, rc):
        self.counts = rc.get_map_state(MapStateDescriptor("counts", Types.STRING(), Types.LONG()))

    def process_element(self, e, ctx):
        self.counts.put(e["type"], (self.counts.get(e["type"]) or 0) + 1)
        yield e["user_id"], self.counts.get(e["type"])


${SEED_PIPELINE}`

export const pymap41Scenarios = [
  ["a Python MapState's inline value is a dict: counts.put's hint {'view': 1} → {'view': 1, 'click': 1}, not [key, value] pairs", async (ctx) => {
    assert(SEED.includes(SEED_PROCESS) && SEED_PIPELINE.startsWith('from pyflink.common import Duration'), 'the seed has the pipeline the job reuses')
    await loadJob(ctx, 'sessionizer-seed.py', 'delete_event_time_timer(now)')
    await pickRecording(ctx, ctx.recording)
    await replaceSource(ctx, JOB)
    await clearBreakpoints(ctx)
    await ctx.page.click('[data-testid=start]') // Pyodide's start may take long on a loaded machine
    await waitFor(async () => (await stepNo(ctx)) === 0, 'the Python session at step 0', 120_000)
    // u1's second record (a click after a view) is step 3 of the sample clickstream.
    for (let n = 1; n <= 3; n++) {
      await ctx.page.keyboard.press('F10')
      await waitFor(async () => (await stepNo(ctx)) === n, `step ${n}`)
    }
    await selectKey(ctx, '"u1"')
    const putLine = (await ctx.page.evaluate(() => window.__riffleEditor.getValue())).split('\n').findIndex((l) => l.includes('self.counts.put(')) + 1
    const hint = await waitFor(async () => {
      const h = await ctx.page.evaluate((l) => window.__riffleEditor.hintAt(l), putLine)
      return (h ?? '').includes("{'view': 1} → {'view': 1, 'click': 1}") && h
    }, 'the put() hint as a dict')
    assert(!hint.includes('[['), `no [key, value] pairs in the hint: ${hint}`)
    await shot(ctx, 'pymap41-01-map-state-inline-dict.png')
    await ctx.page.click('[data-testid=stop]')
  }],
]
