// A Python job's timestamp assigner returns an int, as PyFlink's long coder takes nothing else: any float (1000.0,
// 1.5, nan) is a TypeError at the assigner's line, whether the assigner is read as a plain field, run ahead for a block,
// called per record or stepped in the debugger; an int beyond 2^53, or an inf the record holds (1e400), is the record's
// bad line, named exactly (engine/time/timestamp-range.ts).
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { openInline, runInline, runInlineError } from '../../helpers/run-inline'

const PY = { jobName: 'job.py' }

beforeAll(async () => { await pythonRuntime() }, 300_000)

/** The assigner returns EXPR (of value); extract_timestamp is defined on line 6. */
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

/** The message of the assigner's float V (its repr, a regular expression). */
const float = (v: string): RegExp =>
  new RegExp(`the timestamp assigner returned ${v}, a float, where PyFlink's timestamp is an int \\(Flink's long\\): its ` +
    'coder refuses a float on a cluster, even a whole one; make it an int \\(int\\(\\.\\.\\.\\), or // instead of /\\)')

describe('a Python timestamp assigner returns whole milliseconds', () => {
  it.each([
    // A whole float was taken as its int (1000.0 as 1000), where the job fails on a cluster: read as a plain field from
    // the line's own text, run ahead for a block (pure), and called per record (a call makes it impure).
    ['value["ts"]', '{"k":"a","ts":1000.0}', '1000\\.0'],
    ['value["ts"]', '{"k":"a","ts":1e3}', '1000\\.0'],
    ['value["ts"] * 1.0 if value["ts"] > 7 else 7', '{"k":"a","ts":1000}', '1000\\.0'],
    ['3.0 if value["ts"] > 7 else 7', '{"k":"a","ts":1000}', '3\\.0'],
    ['float(value["ts"]) if value["ts"] > 7 else 7', '{"k":"a","ts":1000}', '1000\\.0'],
    // A fraction, nan or inf is a float too (it was the engine's error at the with_timestamp_assigner line).
    ['value["ts"]', '{"k":"a","ts":1.5}', '1\\.5'],
    ['value["ts"] / 1000 if value["ts"] > 7 else 7', '{"k":"a","ts":1500}', '1\\.5'],
    ['float("nan") if value["ts"] > 7 else 7', '{"k":"a","ts":1000}', 'nan'],
    ['float("-inf") if value["ts"] > 7 else 7', '{"k":"a","ts":1000}', '-inf'],
  ])('%s on %s is a TypeError at the assigner\'s line', async (expr, line, shown) => {
    const err = await runInlineError(job(expr), ['{"k":"a","ts":7}', line], PY)
    expect(err.code).toBe('JOB_THREW')
    expect(err.message).toMatch(float(shown))
    expect(err.where?.line).toBe(6)
    expect(err.input?.line).toBe(2)
  })

  it('a whole float is the same error in the debugger, and an int written as such in the line runs', async () => {
    const s = await openInline(job('value["ts"]'), ['{"k":"a","ts":1000}', '{"k":"a","ts":2000.0}'], PY)
    try {
      await expect(s.step({ kind: 'end' })).rejects.toMatchObject({ code: 'JOB_THREW', message: expect.stringMatching(float('2000\\.0')) })
    } finally {
      await s.close()
    }
    // "ts" elsewhere in the line (a string, a nested property) does not make the top-level int a float.
    const r = await runInline(job('value["ts"]'), ['{"k":"ts","ts":1000,"n":{"ts":1.5}}', '{"k":"b","ts": 2000}'], PY)
    expect(r.out.map((l) => l.value)).toEqual([['ts', 1000], ['b', 2000]])
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

  // A record line {"ts":1e400} (inf to Python's json) was the job's error at the assigner, "returned inf, a float", where
  // a TypeScript job's is a bad line of the recording: the line is judged the same whatever the job's language.
  it.each([
    ['a TimestampAssigner (called per record)', job('value["ts"]')],
    ['a plain lambda (read as a field, run ahead)', job('0').replace('.with_timestamp_assigner(T())', '.with_timestamp_assigner(lambda e, p: e["ts"])')],
  ])('an infinity the record holds (1e400) is its bad line, as for TypeScript: %s', async (_, source) => {
    const lines = ['{"k":"a","ts":1}', '{"k":"b","ts":1e400}', '{"k":"c","ts":-1e400}', '{"k":"d","ts":4}']
    const err = await runInlineError(source, lines, PY)
    expect(err.code).toBe('BAD_LINE')
    expect(err.message).toMatch(/rec\.jsonl:2: the timestamp assigner returned Infinity: the record holds a number beyond a double's range \(a JSON number such as 1e400 reads as Infinity\)/)
    const r = await runInline(source, lines, { ...PY, skipBadLines: true })
    expect(r.out.map((l) => (l.value as unknown[])[0])).toEqual(['a', 'd'])
    expect(r.summary.badLines.map((b) => [b.line, b.reason.split(':')[0]])).toEqual([
      [2, 'the timestamp assigner returned Infinity'], [3, 'the timestamp assigner returned -Infinity']])
  })

  it('an infinity the code makes is still the job\'s error; the record\'s is its bad line in the debugger too', async () => {
    const expr = 'float("inf") if value["ts"] > 7 else 7'
    const err = await runInlineError(job(expr), ['{"k":"a","ts":7}', '{"k":"a","ts":1000,"n":1}'], PY)
    expect(err.code).toBe('JOB_THREW')
    expect(err.message).toMatch(float('inf'))
    expect(err.where?.line).toBe(6)
    const s = await openInline(job('value["ts"]'), ['{"k":"a","ts":1000}', '{"k":"a","ts":1e400}'], PY)
    try {
      await expect(s.step({ kind: 'end' })).rejects.toMatchObject({ code: 'BAD_LINE', message: expect.stringMatching(/rec\.jsonl:2: the timestamp assigner returned Infinity: the record holds/) })
    } finally {
      await s.close()
    }
  })
})
