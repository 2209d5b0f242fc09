// A recording line `{"ts":1e400}` is judged the same whatever the job's language: JavaScript reads 1e400 as Infinity
// and Python's json as inf, and an assigner that returns it gives a bad line of the recording (exit 2, or skipped and
// listed with --skip-bad-lines), with one message (engine/time/timestamp-range.ts assignedTimestamp).
import { describe, expect, it } from 'vitest'
import { RIFFLE, writeCase } from '../helpers/run-inline'
import { buildRiffleOnce, riffle } from '../helpers/riffle-cli'

buildRiffleOnce()

const TS_JOB = `${RIFFLE}class F extends KeyedProcessFunction<string, any, any> {
  processElement(e: any, ctx: any, out: any) { out.collect([e.k, ctx.timestamp()]) }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.k).process(new F())
`
const PY_JOB = `from pyflink.common import WatermarkStrategy
from pyflink.datastream.functions import KeyedProcessFunction


class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        yield [value["k"], ctx.timestamp()]


def job(events):
    return (events
            .assign_timestamps_and_watermarks(WatermarkStrategy.for_monotonous_timestamps()
                                              .with_timestamp_assigner(lambda e, previous: e["ts"]))
            .key_by(lambda e: e["k"])
            .process(F()))
`
const LINES = ['{"k":"a","ts":1}', '{"k":"b","ts":1e400}', '{"k":"c","ts":-1e400}', '{"k":"d","ts":4}']
const REASON = (sign: string): string => `the timestamp assigner returned ${sign}Infinity: the record holds a number beyond a double's ` +
  `range (a JSON number such as 1e400 reads as ${sign}Infinity)`

describe('{"ts":1e400} on the command line', () => {
  it.each([['job.ts', TS_JOB], ['job.py', PY_JOB]])('a %s job stops at it as a bad line (exit 2), or skips and lists it', (jobName, job) => {
    const c = writeCase(job, LINES, { jobName })
    const stopped = riffle('run', c.jobPath, c.recordingPath, '--out', '-')
    expect(stopped.code, stopped.stderr).toBe(2)
    expect(stopped.stderr).toContain(`riffle: BAD_LINE: ${c.recordingPath}:2: ${REASON('')}`)
    const r = riffle('run', c.jobPath, c.recordingPath, '--out', '-', '--skip-bad-lines')
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { value: unknown }).value)).toEqual([['a', 1], ['d', 4]])
    expect(r.stderr).toMatch(/bad lines skipped: 2/)
    expect(r.stderr).toContain(`${c.recordingPath}:2: ${REASON('')}`)
    expect(r.stderr).toContain(`${c.recordingPath}:3: ${REASON('-')}`)
    expect(r.stderr).toMatch(/records in:\s+2\n/)
  })
})
