// A Python job in the debugger, in real Pyodide: stepping, state, timers, step back and seek; each step's trace
// with the .py lines of its calls and its outputs as the job emits them; and breakpoints written in Python.
import { describe, expect, it } from 'vitest'
import type { StepTrace } from '../../../../src-main/common/trace-api'
import { openInline, runInline, runInlineError } from '../../helpers/run-inline'
import { events, PY, PY_ALL_KINDS, warmPython } from './python-job-fixture'

warmPython()

describe('a Python job in the debugger', () => {
  it('steps, shows state and timers, steps back and seeks, as a TypeScript job does', async () => {
    const s = await openInline(PY_ALL_KINDS, events, PY)
    try {
      const first = await s.step({ kind: 'step' })
      expect(first.taken).toBe(1)
      await s.step({ kind: 'step' })
      await s.step({ kind: 'step' })
      const op = (await s.operators()).find((o) => o.kind === 'process')!
      const a = await s.keyState(op.id, JSON.stringify('a'))
      expect(a).not.toBeNull()
      expect(JSON.stringify(a)).toContain('per_kind')
      const timers = await s.timers(0, 10)
      expect(timers.total).toBeGreaterThan(0)
      const back = await s.stepBack()
      expect(back.status.step).toBe(2)
      const seek = await s.seek(1)
      expect(seek.status.step).toBe(1)
      const outs = await s.outputs(0, 10)
      expect(outs.items[0].value).toMatchObject({ key: 'a', before: null, kinds: ['x'] })
    } finally {
      await s.close()
    }
  })
})

describe("a Python step's trace", () => {
  // ctx.timestamp() is a call the job makes, as in a TypeScript job: traced where the job makes it, each time,
  // with its .py line; a step whose job never asks for it has no such entry.
  const job = `from pyflink.common import Duration, WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor

class F(KeyedProcessFunction):
    def open(self, rc):
        self.v = rc.get_state(ValueStateDescriptor("v"))
    def process_element(self, value, ctx):
        if value["n"] == 1:
            return
        now = ctx.timestamp()  # read
        self.v.update(now)
        ctx.timer_service().register_event_time_timer(ctx.timestamp() + 1)  # timer
        yield now
    def on_timer(self, timestamp, ctx):
        yield ctx.timestamp()  # fired

class Ts(TimestampAssigner):
    def extract_timestamp(self, value, record_timestamp):
        return value["ts"]

def job(events):
    return (events.assign_timestamps_and_watermarks(WatermarkStrategy.for_bounded_out_of_orderness(Duration.of_millis(0))
                                                    .with_timestamp_assigner(Ts()))
            .key_by(lambda e: e["user"]).process(F()))
`
  const line = (marker: string): number => job.split('\n').findIndex((l) => l.includes(marker)) + 1

  it('every entry carries its .py line, ctx.timestamp() included, once per call and only when the job calls it', async () => {
    const s = await openInline(job, [{ ts: 1000, user: 'a', n: 1 }, { ts: 2000, user: 'a', n: 2 }, { $watermark: 10_000 }], PY)
    try {
      await s.step({ kind: 'end' })
      const last = (await s.status()).step
      const traces: StepTrace[] = []
      for (let step = 1; step <= last; step++) traces.push(await s.trace(step))
      const entries = traces.flatMap((t) => t.entries)
      expect(entries.length).toBeGreaterThan(0)
      for (const e of entries) expect(e.where?.line, `${e.call} at step ${traces.find((t) => t.entries.includes(e))?.step}`).toEqual(expect.any(Number))
      const at = (kind: string) => traces.find((t) => t.kind === kind && t.entries.length > 0)!.entries.map((e) => `${e.kind}@${e.where?.line}`)
      expect(traces[0].entries).toEqual([]) // the first record returns before asking for its timestamp
      expect(at('record')).toEqual([`timeRead@${line('# read')}`, `stateWrite@${line('# read') + 1}`,
        `timeRead@${line('# timer')}`, `timerRegister@${line('# timer')}`, `output@${line('# timer') + 1}`])
      expect(at('timer')).toEqual([`timeRead@${line('# fired')}`, `output@${line('# fired')}`])
    } finally {
      await s.close()
    }
  })
})

describe("a Python step's trace writes outputs as the job emits them", () => {
  const job = (form: string): string => `from pyflink.common import Types
from pyflink.datastream import OutputTag
from pyflink.datastream.functions import KeyedProcessFunction

odd = OutputTag("odd", Types.LONG())

class F(KeyedProcessFunction):
${form}

def job(events):
    return events.key_by(lambda e: e["user"]).process(F())
`
  const calls = async (source: string): Promise<string[]> => {
    const s = await openInline(source, [{ user: 'a', n: 1 }], PY)
    try {
      await s.step({ kind: 'step' })
      return (await s.trace(1)).entries.filter((e) => e.kind === 'output').map((e) => e.call)
    } finally {
      await s.close()
    }
  }

  it('yield v and yield tag, v (the trace said out.collect(v) and ctx.output("odd", v), which the .py file has not)', async () => {
    expect(await calls(job(`    def process_element(self, value, ctx):
        yield {"n": value["n"], "ok": True}
        yield odd, value["n"]`))).toEqual(["yield {'n': 1, 'ok': True}", 'yield OutputTag("odd"), 1'])
    // An iterable returned instead of a generator: PyFlink emits its items, as a yield each.
    expect(await calls(job(`    def process_element(self, value, ctx):
        return [None]`))).toEqual(['yield None'])
  })

  it('the value yielded in Python\'s repr, as print writes it (a PyFlink Row with its fields sorted by name; it was the JSON the engine keeps: ["a",3])', async () => {
    // Here "odd" is undeclared: its Types.LONG() refuses the tuple, as PyFlink's long coder does.
    expect(await calls(`from pyflink.common import Row
${job(`    def process_element(self, value, ctx):
        yield value["user"], 3
        yield [value["n"] * 1.0, None, "it's"]
        yield Row(user=value["user"], n=2)
        yield odd, (value["n"],)`).replace('OutputTag("odd", Types.LONG())', 'OutputTag("odd")')}`)).toEqual(["yield ('a', 3)", `yield [1.0, None, "it's"]`, "yield Row(n=2, user='a')", 'yield OutputTag("odd"), (1,)'])
    // The seed article's out.collect(v) too; a long value is cut as any value in a trace.
    const collected = await calls(job(`    def process_element(self, value, ctx, out):
        out.collect((value["user"], 2.5))
        out.collect(tuple(range(100)))`))
    expect(collected[0]).toBe("out.collect(('a', 2.5))")
    expect(collected[1]).toMatch(/^out\.collect\(\(0, 1, 2, .*…\)$/)
  })

  it('an iterable returned is at the line of its return (the trace had ? for its outputs), else at the def', async () => {
    const lines = async (form: string): Promise<(number | undefined)[]> => {
      const s = await openInline(job(form), [{ user: 'a', n: 1 }], PY)
      try {
        await s.step({ kind: 'step' })
        return (await s.trace(1)).entries.filter((e) => e.kind === 'output').map((e) => e.where?.line)
      } finally {
        await s.close()
      }
    }
    // Line 8 is the def; an empty return emits nothing, so it does not make the return ambiguous.
    expect(await lines(`    def process_element(self, value, ctx):
        if value["n"] > 5:
            return []
        n = value["n"]
        return [n, n + 1]`)).toEqual([12, 12])
    expect(await lines(`    def process_element(self, value, ctx):
        if value["n"] > 5:
            return [0]
        return [value["n"]]`)).toEqual([8])
    // A value that cannot be emitted is the return's error (it named no line).
    const err = await runInlineError(job(`    def process_element(self, value, ctx):
        n = value["n"]
        return [n, {n}]`), [{ user: 'a', n: 1 }], PY)
    expect(err.message).toMatch(/a set is not JSON-compatible/)
    expect(err.where?.line).toBe(10)
  })

  it("the seed article's out.collect(v) stays out.collect(v)", async () => {
    expect(await calls(job(`    def process_element(self, value, ctx, out):
        out.collect(value["n"])`))).toEqual(['out.collect(1)'])
  })
})

describe("the job line of a Python job's calls, for hooks inside them", () => {
  it('the job\'s call-site locator gives an observer the .py line of each state, timer and output call', async () => {
    const { openRun } = await import('../../../../src-main/engine/runtime/open-run')
    const { writeCase } = await import('../../helpers/run-inline')
    const c = writeCase(`from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor

class F(KeyedProcessFunction):
    def open(self, rc):
        self.v = rc.get_state(ValueStateDescriptor("v"))
    def process_element(self, value, ctx):
        n = self.v.value()
        self.v.update(1)
        ctx.timer_service().register_event_time_timer(5)
        yield n
    def on_timer(self, ts, ctx):
        yield from ()

def job(events):
    return events.key_by(lambda e: e["user"]).process(F())
`, [{ user: 'a' }], PY)
    const opened = await openRun({
      jobPath: c.jobPath, recordingPath: c.recordingPath, skipBadLines: false, backend: 'heap',
      processingTime: 'follow', drainProcessingTimers: false, observable: true,
    })
    const seen: string[] = []
    const pythonJobLine = (): number => opened.run.callSites.here()?.line ?? 0
    opened.run.observe({
      beforeStateCall: (_meta, _key, method) => { seen.push(`${method.name}@${pythonJobLine()}`) },
      onTimerCall: (_op, _action, domain) => { seen.push(`timer ${domain}@${pythonJobLine()}`) },
      onOutput: (_src, tag) => { const line = pythonJobLine(); if (line > 0) seen.push(`output ${String(tag)}@${line}`) },
    })
    await opened.run.runToEnd()
    await opened.close()
    expect(seen).toEqual(['value@8', 'update@9', 'timer EVENT_TIME@10', 'output null@11'])
    expect(pythonJobLine()).toBe(0)
    expect(opened.run.callSites.stackHere()).toEqual([])
  })
})

describe('breakpoints of a Python job are written in Python', () => {
  const job = `from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor

class Count(KeyedProcessFunction):
    def open(self, rc):
        self.count = rc.get_state(ValueStateDescriptor("count", Types.LONG()))
    def process_element(self, value, ctx):
        self.count.update((self.count.value() or 0) + 1)
        yield value

def job(events):
    return events.key_by(lambda e: e["user"]).process(Count()).uid("count")
`

  it('an event condition, a state condition over the state names, a log message, and the errors', async () => {
    const s = await openInline(job, events.filter((e) => 'user' in e), PY)
    try {
      expect(await s.setBreakpoints([{ id: 'e', kind: 'event', expression: 'event["kind"] == "y" and event["user"] == "a"' }])).toEqual([{ id: 'e', ok: true }])
      const hit = (await s.step({ kind: 'continue' })).breakpointHit!
      expect(hit.step).toBe(3)
      await s.setBreakpoints([{ id: 's', kind: 'state', expression: 'count >= 3' }])
      const stateHit = (await s.step({ kind: 'continue' })).breakpointHit!
      expect(stateHit.step).toBe(4)
      expect(stateHit.keyStr).toBe('"a"')
      await s.setBreakpoints([{ id: 'lp', kind: 'event', expression: 'True', log: 'f"{key}:{event[\'n\'] * 10}"' }])
      const hits = await s.logpointHits('lp')
      expect(hits.map((h) => h.value)).toEqual(['a:10', 'b:20', 'a:30', 'a:40'])
      const bad = await s.setBreakpoints([{ id: 'bad', kind: 'event', expression: 'event[' }])
      expect(bad[0]).toMatchObject({ ok: false })
      expect(bad[0].error).toMatch(/does not compile/)
      await s.setBreakpoints([{ id: 'throws', kind: 'event', expression: 'event["missing"] > 1' }])
      const thrown = (await s.step({ kind: 'continue' })).breakpointHit!
      expect(thrown.error).toMatch(/KeyError: 'missing'/)
    } finally {
      await s.close()
    }
  })
})
