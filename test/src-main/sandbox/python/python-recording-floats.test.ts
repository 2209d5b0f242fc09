// A Python job reads a JSON Lines recording's values as PyFlink's json.loads of the line would: a whole float in the
// file (`3.0`) is the float 3.0, not the int 3 JavaScript's parsing leaves of it, in every function and in the debugger.
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { mainValues, openInline, runInline, writeCase } from '../../helpers/run-inline'
import { buildRiffleOnce, riffle } from '../../helpers/riffle-cli'

const PY = { jobName: 'job.py' }

beforeAll(async () => { await pythonRuntime() }, 300_000)

// The lines as written by hand (JSON.stringify would write 3.0 as 3). The assigner makes 2000.0 an int, as a PyFlink
// job must: its long coder refuses a float (python-assigner-timestamps.test.ts).
const LINES = [
  '{"ts": 1000, "user": "a", "amount": 3.0, "n": 3, "nested": {"xs": [1.0, 2, -0.0, 1e2]}}',
  '{"ts": 2000.0, "user": "a", "amount": 2.5, "n": 4, "nested": {"xs": []}}',
]

const job = `
from pyflink.common import WatermarkStrategy
from pyflink.datastream.functions import KeyedProcessFunction

seen = []

def key(e):
    seen.append(repr(e["amount"]))
    return e["user"]

class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        yield [repr(value["amount"]), repr(value["n"]), repr(value["nested"]), seen[-1]]

def job(events):
    return (events.assign_timestamps_and_watermarks(WatermarkStrategy.for_monotonous_timestamps()
                                                    .with_timestamp_assigner(lambda e, t: int(e["ts"])))
            .key_by(key).process(F()))
`

const EXPECTED = [
  ['3.0', '3', "{'xs': [1.0, 2, -0.0, 100.0]}", '3.0'],
  ['2.5', '4', "{'xs': []}", '2.5'],
]

describe('a whole float in a JSON Lines recording', () => {
  it('reaches the job as a float, as json.loads reads the line (riffle run)', async () => {
    expect(mainValues(await runInline(job, LINES, PY))).toEqual(EXPECTED)
  })

  it('reaches the job as a float in the debugger too', async () => {
    const s = await openInline(job, LINES, PY)
    try {
      await s.step({ kind: 'end' })
      expect((await s.outputs(0, 10)).items.filter((o) => o.isJobOutput).map((o) => o.value)).toEqual(EXPECTED)
    } finally {
      await s.close()
    }
  })

  it('is a float to a breakpoint condition and a log message, as the job reads it', async () => {
    const s = await openInline(job, LINES, PY)
    try {
      // Conditions and log messages read the event as JavaScript parsed it (3) while the job read 3.0.
      const cond = 'type(event["amount"]) is float and input["value"]["amount"] == 3.0 and repr(event["nested"]["xs"][0]) == "1.0"'
      expect(await s.setBreakpoints([
        { id: 'e', kind: 'event', expression: cond },
        { id: 'lp', kind: 'event', expression: 'True', log: 'event["amount"]' },
        { id: 'l', kind: 'line', line: 13, condition: 'isinstance(event["amount"], float)', log: 'f"{event[\'amount\']} {event[\'nested\']}"' },
      ])).toEqual([{ id: 'e', ok: true }, { id: 'lp', ok: true }, { id: 'l', ok: true }])
      const hit = (await s.step({ kind: 'continue' })).breakpointHit
      expect(hit).toMatchObject({ id: 'e', step: 1 })
      await s.step({ kind: 'end' })
      expect((await s.logpointHits('lp')).map((h) => h.value)).toEqual(['3.0', '2.5'])
      expect((await s.logpointHits('l')).map((h) => h.value)).toEqual(["3.0 {'xs': [1.0, 2, -0.0, 100.0]}", "2.5 {'xs': []}"])
    } finally {
      await s.close()
    }
  })

  it('with blanks before it, crosses to Python a second time (a second branch of the source)', async () => {
    // The second crossing sends the line's text alone, which Python's scanner read from its first character:
    // `  {"k": "a"}` stopped the run with "filter threw StopIteration: 0".
    const branches = `
from pyflink.datastream.functions import KeyedProcessFunction

class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        yield [value["k"], repr(value["amount"])]

def job(events):
    events.map(lambda e: {"m": e["k"]}).filter(lambda e: True)
    return events.filter(lambda e: True).key_by(lambda e: e["k"]).process(F())
`
    const r = await runInline(branches, ['  {"k": "a", "amount": 3.0}', '\t{"k": "b", "amount": 1}'], PY)
    expect(mainValues(r)).toEqual([['a', '3.0'], ['b', '1']])
  })
})

describe('a whole float at --parallelism 2', () => {
  buildRiffleOnce()

  it('reaches each subtask\'s Python job as a float: the routed reader keeps the line text too', () => {
    const lines = ['{"ts": 1000, "user": "a", "amount": 3.0}', '{"ts": 2000, "user": "b", "amount": 1e2}']
    const c = writeCase(`
from pyflink.datastream.functions import KeyedProcessFunction

class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        yield repr(value["amount"])

def job(events):
    return events.key_by(lambda e: e["user"]).process(F())
`, lines, PY)
    const r = riffle('run', c.jobPath, c.recordingPath, '--out', '-', '--parallelism', '2')
    expect(r.stderr).not.toMatch(/Error/)
    expect(r.code).toBe(0)
    expect(r.stdout.split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { value: unknown }).value).sort()).toEqual(['100.0', '3.0'])
  }, 120_000)
})
