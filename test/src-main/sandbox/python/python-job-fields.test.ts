// Time travel and a Python job's own fields (real Pyodide): a job that counts in self.seen (and a module global) instead
// of Flink state must be shown as a straight run has it after a step's trace, a step back, seeks and Continue, on heap
// and LevelDB. A re-run of a step runs the job's code again: without the fields in the snapshots self.seen moved twice.
import { describe, expect, it } from 'vitest'
import type { WatchValue } from '../../../../src-main/common/debug-api'
import { DebugSession } from '../../../../src-main/debugger/debug-session'
import { mainValues, runInline, writeCase } from '../../helpers/run-inline'
import { PY, eventTimeKeyedBy, warmPython } from './python-job-fixture'

warmPython()

const JOB = `import threading
from pyflink.common import Types, WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner
from pyflink.datastream.functions import KeyedProcessFunction, MapFunction
from pyflink.datastream.state import ValueStateDescriptor

total = 0

class Stats:
    def __init__(self):
        self.n = 0
        self.keys = set()

class Count(KeyedProcessFunction):
    def __init__(self):
        self.seen = 0
        self.log = []
        self.by_key = {}
        self.stats = Stats()
        self.lock = threading.Lock()

    def open(self, runtime_context):
        self.count = runtime_context.get_state(ValueStateDescriptor("count", Types.LONG()))
        self.handles = {"count": self.count}

    def process_element(self, e, ctx):
        global total
        total += 1
        self.seen += 1
        self.log = (self.log + [e["k"]])[-3:]
        self.by_key[e["k"]] = self.by_key.get(e["k"], 0) + 1
        self.stats.n += 1
        self.stats.keys.add(e["k"])
        setattr(self, "extra%d" % self.seen, self.seen)
        self.handles["count"].update((self.count.value() or 0) + 1)
        yield [e["k"], self.seen, self.by_key[e["k"]], len(self.stats.keys), "".join(self.log), total, self.count.value(), len(vars(self))]

class Tag(MapFunction):
    def __init__(self):
        self.calls = 0

    def map(self, v):
        self.calls += 1
        return v + [self.calls]

${eventTimeKeyedBy('k', '.process(Count())\n            .map(Tag())')}`
const KEYS = 'aabacbbcaabca'
const EVENTS = [...KEYS].map((k, i) => ({ k, ts: 1000 + i * 10 }))

const shown = (w: WatchValue): unknown => w.text ?? w.error

async function open(backend: 'heap' | 'leveldb', every: number): Promise<DebugSession> {
  const c = writeCase(JOB, EVENTS, PY)
  return DebugSession.open({
    jobPath: c.jobPath, recordingPath: c.recordingPath, backend, processingTime: 'follow', drainProcessingTimers: false,
    skipBadLines: false, echoJobOutput: false,
  }, { minInterval: every, maxInterval: every })
}

/** The job's output (the map's records; the session lists the keyed operator's too). */
async function outputs(s: DebugSession): Promise<unknown[]> {
  const map = (await s.operators()).find((o) => o.kind === 'map')!.id
  return (await s.outputs(0, 1e9)).items.filter((o) => o.operatorId === map).map((o) => o.value)
}

async function at(s: DebugSession, op: string): Promise<unknown> {
  const [w] = await s.watch(op, '"a"', ['f"{self.seen}:{\'\'.join(self.log)}:{self.stats.n}:{total}"'])
  return { step: (await s.status()).step, seen: shown(w!), outputs: await outputs(s) }
}

describe.each(['heap', 'leveldb'] as const)("a Python job's own fields under time travel (%s)", (backend) => {
  it('a trace, steps back, seeks and Continue leave self.seen, a module global and the outputs as a straight run has them', async () => {
    const straight = mainValues(await runInline(JOB, EVENTS, PY))
    expect(straight[2]).toEqual(['b', 3, 1, 2, 'aab', 3, 1, 10, 3])
    const fresh = await open(backend, 1e9)
    const op = (await fresh.operators()).find((o) => o.keyed)!.id
    const views: unknown[] = [await at(fresh, op)]
    try {
      while ((await fresh.step({ kind: 'step' })).taken > 0) views.push(await at(fresh, op))
      views[views.length - 1] = await at(fresh, op)
      expect(await outputs(fresh)).toEqual(straight)
    } finally {
      await fresh.close()
    }
    const total = views.length - 1

    const s = await open(backend, 3)
    try {
      await s.step({ kind: 'step' })
      expect(await at(s, op)).toEqual(views[1])
      await s.trace(1)
      expect(await at(s, op)).toEqual(views[1])
      await s.step({ kind: 'end' }, 4)
      await s.trace(3)
      await s.trace(5)
      expect(await at(s, op)).toEqual(views[5])
      await s.stepBack()
      expect(await at(s, op)).toEqual(views[4])
      await s.seek(9)
      expect(await at(s, op)).toEqual(views[9])
      await s.seek(2)
      expect(await at(s, op)).toEqual(views[2])
      await s.step({ kind: 'end' })
      expect(await outputs(s)).toEqual(straight)
      for (const t of [7, 0, total, 1, 11, 4]) {
        await s.seek(t)
        expect(await at(s, op), `seek(${t})`).toEqual(views[t])
      }
      // The lock cannot be copied: left as it is, and said once.
      const notices = (await s.findings()).notices.map((n) => n.message)
      expect(notices.filter((m) => m.includes('self.lock of Count'))).toHaveLength(1)
    } finally {
      await s.close()
    }
  }, 300_000)
})

describe("a Python job's `self` after a backend check", () => {
  it('reads the session\'s own function object, not the one the check\'s runs loaded', async () => {
    const s = await open('heap', 3)
    try {
      const op = (await s.operators()).find((o) => o.keyed)!.id
      await s.step({ kind: 'end' }, 2)
      const before = await at(s, op)
      // The check loads and runs the job to the end twice in this runtime: its objects counted every record.
      await s.backendCheck()
      expect(await at(s, op)).toEqual(before)
      await s.seek(1)
      expect((await s.watch(op, '"a"', ['self.seen']))[0]).toEqual({ expression: 'self.seen', text: '1' })
    } finally {
      await s.close()
    }
  }, 300_000)
})

describe("a Python job's bound method counting in its object", () => {
  it('.map(counter.bump) re-runs from the count a straight run had', async () => {
    const job = `from pyflink.datastream.functions import KeyedProcessFunction
class Counter:
    def __init__(self):
        self.n = 0
    def bump(self, v):
        self.n += 1
        return v + [self.n]
class Pass(KeyedProcessFunction):
    def process_element(self, e, ctx):
        yield [e["k"]]
counter = Counter()
def job(events):
    return events.key_by(lambda e: e["k"]).process(Pass()).map(counter.bump)
`
    const straight = mainValues(await runInline(job, EVENTS, PY))
    const c = writeCase(job, EVENTS, PY)
    const s = await DebugSession.open({
      jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', processingTime: 'follow', drainProcessingTimers: false,
      skipBadLines: false, echoJobOutput: false,
    }, { minInterval: 3, maxInterval: 3 })
    try {
      await s.step({ kind: 'end' }, 5)
      await s.trace(2)
      await s.seek(4)
      await s.step({ kind: 'end' })
      expect(await outputs(s)).toEqual(straight)
    } finally {
      await s.close()
    }
  }, 300_000)
})
