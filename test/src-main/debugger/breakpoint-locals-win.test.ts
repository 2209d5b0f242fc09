// A line breakpoint's condition or log message evaluates in the job's frame, as VS Code's does: a local variable of
// that frame named like a state (`session` beside a state `session`), or `key` or `event`, is the local, not the
// debugger's convenience name of the same spelling. A name the frame has no local of is still the state (or the key,
// the record). TypeScript and Python jobs.
import { describe, expect, it } from 'vitest'
import { openInline, RIFFLE, type InlineOptions } from '../helpers/run-inline'
import { PY, warmPython } from '../sandbox/python/python-job-fixture'

warmPython()

const TS_JOB = `${RIFFLE}
class F extends KeyedProcessFunction<string, any, any> {
  session: any
  open(ctx: any) { this.session = ctx.getState(new ValueStateDescriptor('session', Types.STRING)) }
  processElement(value: any, ctx: any, out: any) {
    const session = 'local-' + value.n
    const key = value.k + '!'
    const event = { n: value.n * 10 }
    out.collect([session, key, event.n, this.session.value()]) // AT
    this.session.update('state-' + value.n)
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new F())
`
const PY_JOB = `from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor

class F(KeyedProcessFunction):
    def open(self, ctx):
        self.session = ctx.get_state(ValueStateDescriptor("session", Types.STRING()))

    def process_element(self, value, ctx):
        session = "local-" + str(value["n"])
        key = value["k"] + "!"
        event = {"n": value["n"] * 10}
        yield [session, key, event["n"], self.session.value()]  # AT
        self.session.update("state-" + str(value["n"]))

def job(events):
    return events.key_by(lambda e: e["k"]).process(F())
`
const TS_PLAIN = TS_JOB.replace("const session = 'local-' + value.n\n", '').replace('[session,', '[value.n,')
const lineOf = (src: string, text: string): number => src.split('\n').findIndex((l) => l.includes(text)) + 1
const RECORDS = [{ k: 'a', n: 1 }, { k: 'a', n: 2 }, { k: 'b', n: 3 }]

/** At the job's AT line, a condition naming the local `session` stops at step 2 (its 'local-2'), and a log message
 *  naming `session`, `key` and `event` logs the locals' values, never the state, key or record of those names. */
async function expectLocalsWin(job: string, marker: string, condition: string, log: string, o: InlineOptions = {}): Promise<void> {
  const s = await openInline(job, RECORDS, o)
  try {
    const at = lineOf(job, marker)
    expect(await s.setBreakpoints([
      { id: 'c', kind: 'line', line: at, condition },
      { id: 'lp', kind: 'line', line: at, log },
    ])).toEqual([{ id: 'c', ok: true }, { id: 'lp', ok: true }])
    expect((await s.step({ kind: 'continue' })).breakpointHit).toMatchObject({ id: 'c', step: 2, keyStr: '"a"' })
    await s.step({ kind: 'end' })
    expect((await s.logpointHits('lp')).map((h) => h.value)).toEqual(['local-1|a!|10', 'local-2|a!|20', 'local-3|b!|30'])
  } finally {
    await s.close()
  }
}

describe('a line breakpoint\'s frame locals win over the debugger\'s names', () => {
  it('TypeScript: a local named like a state, key or event is the local', async () => {
    await expectLocalsWin(TS_JOB, '// AT', "session === 'local-2'", '`${session}|${key}|${event.n}`')
  }, 120_000)

  it('TypeScript: without such a local the name is still the state', async () => {
    const s = await openInline(TS_PLAIN, RECORDS)
    try {
      await s.setBreakpoints([{ id: 'lp', kind: 'line', line: lineOf(TS_PLAIN, '// AT'), log: '`${session}`' }])
      await s.step({ kind: 'end' })
      expect((await s.logpointHits('lp')).map((h) => h.value)).toEqual(['null', 'state-1', 'null'])
    } finally {
      await s.close()
    }
  }, 120_000)

  it('Python: a local named like a state, key or event is the local', async () => {
    await expectLocalsWin(PY_JOB, '# AT', 'session == "local-2"', 'f"{session}|{key}|{event[\'n\']}"', PY)
  }, 120_000)
})
