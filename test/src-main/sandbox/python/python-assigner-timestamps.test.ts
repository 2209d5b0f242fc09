// A Python job's timestamp assigner is held to the TypeScript rule (engine/time/timestamp-range.ts): a float with a
// fraction, nan or inf is the job's error at the .py line that set the assigner, and an int beyond 2^53 is the record's
// bad line, named exactly, whether the assigner is read as a plain field, run ahead for a block or called per record.
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { runInline, runInlineError } from '../../helpers/run-inline'

const PY = { jobName: 'job.py' }

beforeAll(async () => { await pythonRuntime() }, 300_000)

/** The assigner returns EXPR (of value); with_timestamp_assigner is on line 15. */
const job = (expr: string): string => `from pyflink.common import WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner
from pyflink.datastream.functions import KeyedProcessFunction

class T(TimestampAssigner):
    def extract_timestamp(self, value, record_timestamp):
        return ${expr}

class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        yield [value["k"], ctx.timestamp()]

def job(events):
    return (events.assign_timestamps_and_watermarks(WatermarkStrategy.for_monotonous_timestamps()
            .with_timestamp_assigner(T()))
            .key_by(lambda e: e["k"]).process(F()))
`

describe('a Python timestamp assigner returns whole milliseconds', () => {
  it.each([
    ['value["ts"]', 1.5, /the timestamp assigner returned 1\.5 for \{"k":"a","ts":1\.5\}: a timestamp is a whole number of milliseconds \(Flink's long\), not a fraction: round it \(int\(\)\)/],
    ['value["ts"] / 1000', 1500, /the timestamp assigner returned 1\.5 for .*not a fraction/],
    ['value["ts"] if value["k"] == "b" else value["ts"] / 1000', 1500, /the timestamp assigner returned 1\.5 for .*not a fraction/],
    ['float("nan")', 1, /the timestamp assigner returned nan for \{"k":"a","ts":1\}; it must return a whole number of milliseconds/],
    ['float("-inf")', 1, /the timestamp assigner returned -inf for /],
  ])('%s on ts %s is the job\'s error at the .py line that set the assigner', async (expr, ts, message) => {
    const err = await runInlineError(job(expr), [{ k: 'a', ts }], PY)
    expect(err.code).toBe('JOB_THREW')
    expect(err.message).toMatch(message)
    expect(err.where?.line).toBe(15)
  })

  it('an int beyond 2^53 is the record\'s bad line, with the int as Python wrote it; --skip-bad-lines skips it', async () => {
    const lines = [{ k: 'a', ts: 1 }, { k: 'a', ts: 7 }, { k: 'b', ts: 3 }]
    const expr = 'value["ts"] * 2 ** 70 if value["ts"] == 7 else value["ts"]'
    const err = await runInlineError(job(expr), lines, PY)
    expect(err.code).toBe('BAD_LINE')
    expect(err.message).toMatch(/rec\.jsonl:2: the timestamp assigner returned 8264141345021879123968, above 2\^53, beyond MAX_TIMESTAMP: not an exact millisecond timestamp/)
    const withinLong = await runInlineError(job('2 ** 53 + 1'), lines, PY)
    expect(withinLong.message).toMatch(/rec\.jsonl:1: the timestamp assigner returned 9007199254740993, above 2\^53: not an exact millisecond timestamp/)
    const r = await runInline(job(expr), lines, { ...PY, skipBadLines: true })
    expect(r.out.map((l) => l.value)).toEqual([['a', 1], ['b', 3]])
    expect(r.summary.badLines.map((b) => b.line)).toEqual([2])
  })
})
