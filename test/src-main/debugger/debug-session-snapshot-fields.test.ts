// DebugSession.restore(snapshot) of a snapshot the session took (DebugSession.snapshot, time travel's kind, not a
// savepoint): the job's own fields (a counter kept in `this.n` / `self.n`) go back to what they were at the
// snapshot, as its Flink state does, so the run goes on from there exactly as the straight run did. A snapshot that
// crossed as JSON holds no fields: restored, the job's fields start as open() left them, as from a savepoint.
import { describe, expect, it } from 'vitest'
import type { WatchValue } from '../../../src-main/common/debug-api'
import type { DebugSession } from '../../../src-main/debugger/debug-session'
import { openInline, RIFFLE } from '../helpers/run-inline'
import { PY, warmPython } from '../sandbox/python/python-job-fixture'

warmPython()

const TS_JOB = `${RIFFLE}
class Count extends KeyedProcessFunction<string, any, any> {
  n = 0
  opened = 0
  open(ctx: any) { this.opened++ }
  processElement(e: any, ctx: any, out: any) {
    this.n++
    out.collect([e.k, this.n])
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new Count())
`
const PY_JOB = `from pyflink.datastream.functions import KeyedProcessFunction

class Count(KeyedProcessFunction):
    def __init__(self):
        self.n = 0

    def process_element(self, value, ctx):
        self.n += 1
        yield [value["k"], self.n]

def job(events):
    return events.key_by(lambda e: e["k"]).process(Count())
`
const RECORDS = [...'abcabcab'].map((k) => ({ k }))
const shown = (w: WatchValue | null | undefined): unknown => (w == null ? undefined : 'value' in w ? w.value : w.text ?? w.error)

async function fieldN(s: DebugSession, self: string): Promise<unknown> {
  const op = (await s.operators()).find((o) => o.kind === 'process')!.id
  return shown((await s.watch(op, '"a"', [`${self}.n`]))[0])
}

describe.each([
  ['TypeScript', TS_JOB, {}, 'this', 3],
  ['Python', PY_JOB, PY, 'self', '3'],
] as const)('session.restore of its own snapshot (%s)', (_name, job, o, self, three) => {
  it('puts the job\'s fields back as they were at the snapshot', async () => {
    const s = await openInline(job, RECORDS, o)
    try {
      await s.step({ kind: 'end' }, 3)
      const snap = await s.snapshot()
      expect(await fieldN(s, self)).toEqual(three)
      await s.step({ kind: 'end' })
      const straight = (await s.outputs(0, 1e9)).items.map((x) => x.value)
      expect(straight.at(-1)).toEqual(['b', 8])
      await s.restore(snap)
      expect(await fieldN(s, self)).toEqual(three)
      await s.step({ kind: 'end' })
      expect((await s.outputs(0, 1e9)).items.map((x) => x.value)).toEqual(straight)
      // Restored again (the snapshot stays as it was), and time travel from there keeps the fields.
      await s.restore(snap)
      await s.step({ kind: 'end' })
      await s.seek(5)
      expect((await s.outputs(0, 1e9)).items.map((x) => x.value)).toEqual(straight.slice(0, 5))
      expect(await fieldN(s, self)).toEqual(typeof three === 'number' ? 5 : '5')
    } finally {
      await s.close()
    }
  }, 120_000)
})

describe('session.restore of a snapshot that crossed as JSON', () => {
  it('starts the job\'s fields as open() left them (the snapshot holds Flink state only)', async () => {
    const s = await openInline(TS_JOB, RECORDS)
    try {
      await s.step({ kind: 'end' }, 3)
      const snap = JSON.parse(JSON.stringify(await s.snapshot())) as Awaited<ReturnType<DebugSession['snapshot']>>
      await s.step({ kind: 'end' })
      await s.restore(snap)
      expect(await fieldN(s, 'this')).toBe(0)
      await s.step({ kind: 'step' })
      expect((await s.outputs(0, 1e9)).items.at(-1)?.value).toEqual(['a', 1])
    } finally {
      await s.close()
    }
  }, 120_000)
})
