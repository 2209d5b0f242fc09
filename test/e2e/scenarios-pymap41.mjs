// A Python MapState in the editor's inline values: after u1's second record (a click after a view) the hint of
// self.counts.put(...) wrote the map as the engine's [key, value] pairs, [['view', 1]] → [['view', 1], ['click', 1]],
// where a Python user reads the dict the job holds, {'view': 1} → {'view': 1, 'click': 1}.
import { assert, waitFor } from './harness.mjs'
import { selectKey, shot } from './ui.mjs'
import { loadPythonJob, seedPipeline, startAndStepTo } from './python-job-ui.mjs'

const JOB = `from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import MapStateDescriptor


class Counter(KeyedProcessFunction):
    def open(self, rc):
        self.counts = rc.get_map_state(MapStateDescriptor("counts", Types.STRING(), Types.LONG()))

    def process_element(self, e, ctx):
        self.counts.put(e["type"], (self.counts.get(e["type"]) or 0) + 1)
        yield e["user_id"], self.counts.get(e["type"])


${seedPipeline('.process(Counter()))')}`

export const pymap41Scenarios = [
  ["a Python MapState's inline value is a dict: counts.put's hint {'view': 1} → {'view': 1, 'click': 1}, not [key, value] pairs", async (ctx) => {
    await loadPythonJob(ctx, JOB)
    // u1's second record (a click after a view) is step 3 of the sample clickstream.
    await startAndStepTo(ctx, 3)
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
