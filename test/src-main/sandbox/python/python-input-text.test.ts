// A Python job's input record is shown as the job reads it: the recording line's own text (`12.0` stays 12.0, the
// float json.loads gives), not JavaScript's JSON of it ({"ts":12}), in an error's "while processing" line, a step's
// trace and `riffle trace`; beside "the timestamp assigner returned 12.0" the record must say 12.0 too. A TypeScript
// job reads JSON.parse's value, and is shown that.
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { formatTrace } from '../../../../src-main/cli/trace-text'
import { openInline, RIFFLE, writeCase } from '../../helpers/run-inline'
import { buildRiffleOnce, riffle } from '../../helpers/riffle-cli'

const PY = { jobName: 'job.py' }
const LINES = ['{"k": "a", "ts": 10}', '{"k": "a", "ts": 12.0, "note": "x"}']

beforeAll(async () => { await pythonRuntime() }, 300_000)
buildRiffleOnce()

const job = `from pyflink.common import WatermarkStrategy
from pyflink.datastream.functions import KeyedProcessFunction

class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        yield value["ts"]

def job(events):
    return (events.assign_timestamps_and_watermarks(
                WatermarkStrategy.for_monotonous_timestamps().with_timestamp_assigner(lambda e, t: e["ts"]))
            .key_by(lambda e: e["k"]).process(F()))
`

describe("a Python job's input record", () => {
  it('is the line as written in an error\'s "while processing" line, beside the assigner\'s 12.0 (debugger)', async () => {
    const s = await openInline(job, LINES, PY)
    try {
      const err = await s.step({ kind: 'end' }).then(() => null, (e: unknown) => e as { message: string; input?: { text?: string } })
      expect(err?.message).toMatch(/the timestamp assigner returned 12\.0/)
      expect(err?.message).toMatch(/\n {2}while processing \S*rec\.jsonl:2: \{"k": "a", "ts": 12\.0, "note": "x"\}$/)
      expect(err?.input?.text).toBe('{"k": "a", "ts": 12.0, "note": "x"}')
    } finally {
      await s.close()
    }
  })

  it('is the line as written in riffle run\'s error', () => {
    const c = writeCase(job.replace('yield value["ts"]', 'yield 1 // (value["ts"] - 12)').replace('e["ts"])', 'int(e["ts"]))'), LINES, PY)
    const r = riffle('run', c.jobPath, c.recordingPath, '--out', '-')
    expect(r.stderr).toMatch(/ZeroDivisionError/)
    expect(r.stderr).toMatch(/\n {2}while processing \S*rec\.jsonl:2: \{"k": "a", "ts": 12\.0, "note": "x"\}\n/)
  }, 120_000)

  it("is the line as written in a step's trace and riffle trace's text", async () => {
    const s = await openInline(job.replace('e["ts"])', 'int(e["ts"]))'), LINES, PY)
    try {
      await s.step({ kind: 'end' })
      const t = await s.trace(2)
      expect(t.input?.text).toBe('{"k": "a", "ts": 12.0, "note": "x"}')
      expect(formatTrace(t, 'rec.jsonl')).toContain('  input: {"k": "a", "ts": 12.0, "note": "x"}')
    } finally {
      await s.close()
    }
  })
})

describe("a TypeScript job's input record", () => {
  it("is JSON.parse's value, as the job reads it", async () => {
    const ts = `${RIFFLE}
class F extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) {
    if (e.ts === 12) throw new Error('twelve')
    out.collect(e.ts)
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new F())
`
    const c = writeCase(ts, LINES)
    expect(riffle('run', c.jobPath, c.recordingPath, '--out', '-').stderr).toMatch(/\n {2}while processing \S*rec\.jsonl:2: \{"k":"a","ts":12,"note":"x"\}\n/)
    const s = await openInline(ts.replace("throw new Error('twelve')", 'out.collect(0)'), LINES)
    try {
      await s.step({ kind: 'end' })
      const t = await s.trace(2)
      expect(t.input?.text).toBeUndefined()
      expect(formatTrace(t, 'rec.jsonl')).toContain('  input: {"k":"a","ts":12,"note":"x"}')
    } finally {
      await s.close()
    }
  })
})
