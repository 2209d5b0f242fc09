// A Python job's ReducingState in the app, as a user debugging one meets it: add((page, ts / 1000)) handed the reduce
// function the engine's JSON of the value (['/p/1', 1708848090], a list with an int) where PyFlink hands it the tuple
// the job passed, and the Trace view wrote the call so too. Both now read ('/p/1', 1708848090.0).
import { assert, waitFor } from './harness.mjs'
import { shot, text } from './ui.mjs'
import { loadPythonJob, seedPipeline, startAndStepTo } from './python-job-ui.mjs'

const JOB = `from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ReducingStateDescriptor


def latest(acc, visit):
    return f"{type(visit).__name__} {visit!r}"


class Visits(KeyedProcessFunction):
    def open(self, rc):
        self.visits = rc.get_reducing_state(ReducingStateDescriptor("visits", latest))

    def process_element(self, value, ctx):
        self.visits.add((value["page"], value["ts"] / 1000))
        yield value["user_id"], self.visits.get()


${seedPipeline('.process(Visits()))')}`

export const py40Scenarios = [
  ["a Python ReducingState: the reduce function gets add()'s tuple as the job passed it, and the Trace view writes the call so", async (ctx) => {
    await loadPythonJob(ctx, JOB)
    // u1's second click is step 3 of the sample clickstream: its add() is the first that runs the reduce function.
    await startAndStepTo(ctx, 3)
    await ctx.page.click('[data-testid=tab-trace]')
    await waitFor(async () => (await text(ctx, '[data-testid=trace-step]')) === 'Step 3', 'the trace of step 3')
    const entries = await ctx.page.locator('[data-testid=trace-entry]').allInnerTexts()
    await shot(ctx, 'py40-01-reducing-trace.png')
    const add = entries.find((e) => e.includes('visits.add(')) ?? ''
    assert(add.includes("visits.add(('/p/1', 1708848090.0))"), `the trace writes add() as the job called it: ${add}`)
    const read = entries.find((e) => e.includes('visits.get()')) ?? ''
    assert(read.includes("tuple ('/p/1', 1708848090.0)"), `the reduce function got the tuple with its float: ${read}`)
    await ctx.page.click('[data-testid=stop]')
  }],
]
