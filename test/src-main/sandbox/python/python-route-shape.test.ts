// A Python job whose key selector and timestamp assigner only read one property of the record is routed by
// `riffle run --parallelism N` as a TypeScript job is (_riffle.plain_read, route-shape.ts PLAIN_FIELD); any
// other Python function keeps every subtask reading the whole recording.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rmSync } from 'node:fs'
import type { PyProxy } from 'pyodide/ffi'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { openRun } from '../../../../src-main/engine/runtime/open-run'
import { routeShape, type RouteShape } from '../../../../src-main/engine/runtime/route-shape'
import { writeCase } from '../../helpers/run-inline'

const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })
beforeAll(async () => { await pythonRuntime() }, 300_000)

async function shapeOf(keyBy: string, assigner: string | null): Promise<RouteShape | null> {
  const withTs = assigner === null ? 'events' : `events.assign_timestamps_and_watermarks(
        WatermarkStrategy.for_bounded_out_of_orderness(Duration.of_seconds(1)).with_timestamp_assigner(${assigner}))`
  const c = writeCase(`from pyflink.common import Duration, WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner
from pyflink.datastream.functions import KeyedProcessFunction, KeySelector

class EventTime(TimestampAssigner):
    def extract_timestamp(self, value, record_timestamp):
        return value["ts"]

class ByUser(KeySelector):
    def get_key(self, value):
        return value["user"]

class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        yield value

def job(events):
    return (${withTs}).key_by(${keyBy}).process(F())
`, [{ ts: 1, user: 'a' }], { jobName: 'job.py' })
  dirs.push(c.dir)
  const opened = await openRun({ jobPath: c.jobPath, recordingPath: c.recordingPath, skipBadLines: false, backend: 'heap', processingTime: 'follow', drainProcessingTimers: false })
  try {
    return routeShape(opened.run.graph)
  } finally {
    await opened.close()
  }
}

describe('routing a Python job by the line router', () => {
  it('names the one property a plain subscript reads, for a lambda, a function and a bound method', async () => {
    const py = await pythonRuntime()
    const names = py.runPython(`
import _riffle
def at(value, previous):
    return value["at"]
class EventTime:
    field = "at"
    def extract_timestamp(self, value, record_timestamp):
        return value["at"]
    def by_field(self, value, record_timestamp):
        return value[self.field]
[_riffle.plain_read(f, n) for f, n in [
    (lambda e: e["user_id"], 1), (lambda e: e['event id'], 1), (at, 2), (EventTime().extract_timestamp, 2),
    (lambda e: e["user"]["id"], 1), (lambda e: e["ts"] + 1, 1), (lambda e: e.get("user"), 1), (lambda e: e[0], 1),
    (lambda e, t: t["ts"], 2), (EventTime().by_field, 2), (lambda e: e["user"], 2), (lambda e: str(e["user"]), 1),
]]`) as PyProxy
    expect(names.toJs()).toEqual(['user_id', 'event id', 'at', 'at', ...Array(8).fill(undefined)]) // None arrives as undefined
    names.destroy()
  })

  it('gives the job graph the shape a TypeScript job of the same reads gets', async () => {
    expect(await shapeOf('lambda e: e["user"]', 'EventTime()')).toEqual({ keyField: 'user', timestampField: 'ts' })
    expect(await shapeOf('ByUser()', 'lambda e, t: e["ts"]')).toEqual({ keyField: 'user', timestampField: 'ts' })
    expect(await shapeOf('lambda e: e["user"]', null)).toEqual({ keyField: 'user', timestampField: null })
  }, 60_000)

  it('leaves a job unrouted when either function does more than read the property', async () => {
    expect(await shapeOf('lambda e: e["user"].lower()', 'EventTime()')).toBe(null)
    expect(await shapeOf('lambda e: e["user"]', 'lambda e, t: e["ts"] * 1000')).toBe(null)
  }, 60_000)
})
