// A Python job's AggregatingState in the app, as a user debugging one meets it: an accumulator (sum, count) whose
// get_result is the sum of 1.5 a click. After u1's second click the job's self.score.get() is the float 3.0: the
// Watch list showed 3 (the engine's JSON) and the editor's hover over the state showed the accumulator [3, 2], never
// what get() returns, and the editor's inline values get: → 3. All now show get()'s 3.0, the hover the accumulator
// (3.0, 2) below it.
import { assert, waitFor } from './harness.mjs'
import { selectKey, shot, stepNo } from './ui.mjs'
import { loadPythonJob, seedPipeline } from './python-job-ui.mjs'
import { addWatch, removeAllWatches, rowShows } from './scenarios-watch.mjs'
import { hoverOver } from './scenarios-py36.mjs'

const JOB = `from pyflink.common import Types
from pyflink.datastream.functions import AggregateFunction, KeyedProcessFunction
from pyflink.datastream.state import AggregatingStateDescriptor


class HalfPoints(AggregateFunction):
    def create_accumulator(self):
        return (0.0, 0)

    def add(self, value, acc):
        return (acc[0] + 1.5, acc[1] + 1)

    def get_result(self, acc):
        return acc[0]


class Score(KeyedProcessFunction):
    def open(self, rc):
        self.score = rc.get_aggregating_state(
            AggregatingStateDescriptor("score", HalfPoints(), Types.TUPLE([Types.DOUBLE(), Types.LONG()])))

    def process_element(self, value, ctx):
        self.score.add(value)
        yield value["user_id"], self.score.get()


${seedPipeline('.process(Score()))')}`

export const py39Scenarios = [
  ["a Python AggregatingState: the Watch list and the hover show get()'s 3.0 (get_result), the hover the accumulator below", async (ctx) => {
    await loadPythonJob(ctx, JOB)
    if ((await ctx.page.getAttribute('[data-testid=watch-toggle]', 'aria-expanded')) !== 'true') await ctx.page.click('[data-testid=watch-toggle]')
    await removeAllWatches(ctx)
    await ctx.page.click('[data-testid=start]') // Pyodide's start may take long on a loaded machine
    await waitFor(async () => (await stepNo(ctx)) === 0, 'the Python session at step 0', 120_000)
    for (const w of ['score', 'self.score.get()']) await addWatch(ctx, w)
    // u1's second click is step 3 of the sample clickstream.
    for (let n = 1; n <= 3; n++) {
      await ctx.page.keyboard.press('F10')
      await waitFor(async () => (await stepNo(ctx)) === n, `step ${n}`)
    }
    await selectKey(ctx, '"u1"')
    await rowShows(ctx, 'score', '3.0')
    await rowShows(ctx, 'self.score.get()', '3.0')
    // The editor's inline values (the step's trace) write the calls as the job made them: get() → 3.0.
    const lineOf = async (needle) => (await ctx.page.evaluate(() => window.__riffleEditor.getValue())).split('\n').findIndex((l) => l.includes(needle)) + 1
    const getLine = await lineOf('self.score.get()')
    const addLine = await lineOf('self.score.add(value)')
    await waitFor(async () => (await ctx.page.evaluate((l) => window.__riffleEditor.hintAt(l), getLine) ?? '').includes('get: → 3.0'), 'the get() hint 3.0')
    const addHint = await ctx.page.evaluate((l) => window.__riffleEditor.hintAt(l), addLine)
    assert((addHint ?? '').includes('(1.5, 1) → (3.0, 2)'), `the add() hint shows the accumulator as the job holds it: ${addHint}`)
    await shot(ctx, 'py39-01-aggregate-watch.png')
    const hover = await hoverOver(ctx, 'self.score.add(value)', 'score')
    await shot(ctx, 'py39-02-aggregate-hover.png')
    assert(hover.includes('3.0') && hover.includes('get()') && /accumulator:\s*\(3\.0, 2\)/.test(hover),
      `the hover shows get()'s 3.0 and the accumulator (3.0, 2) below it: ${hover}`)
    await ctx.page.mouse.move(5, 5)
    await removeAllWatches(ctx)
    await ctx.page.click('[data-testid=stop]')
  }],
]
