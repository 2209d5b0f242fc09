// Findings (API.md "Findings"): each kind is raised where the job does what it names, on the heap and on
// LevelDB, once per (kind, line) with a count, the first step and the first key; and a job that does
// not do it raises nothing. Real runs of real job files through runJob (the command line's path).
import { describe, expect, it } from 'vitest'
import { runJob } from '../../../../src-main/cli/run-job'
import type { FindingView } from '../../../../src-main/common/trace-api'
import type { BackendName } from '../../../../src-main/common/views'
import { RIFFLE, writeCase, type RecLine } from '../../helpers/run-inline'

/** A keyed job whose processElement body is `body` (ctx, out, event, this.s: a ValueState "s"). */
function job(body: string, o: { ttl?: boolean; strategy?: string; onTimer?: string } = {}): string {
  return `${RIFFLE}
class F extends KeyedProcessFunction<string, any, any> {
  s: any
  open(ctx: any) {
    const d = new ValueStateDescriptor('s', Types.LONG) // DESCRIPTOR
    ${o.ttl ? 'd.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofHours(1)).build())' : ''}
    this.s = ctx.getState(d)
  }
  processElement(event: any, ctx: any, out: any) {
${body}
  }
  onTimer(t: number, ctx: any, out: any) { ${o.onTimer ?? ''} }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(${o.strategy ?? 'WatermarkStrategy.forBoundedOutOfOrderness(0)'}
    .withTimestampAssigner((e: any) => e.ts)) // ASSIGNER
  .keyBy((e: any) => e.k)
  .process(new F())
`
}

/** The 1-based line of the job text that holds `marker`. */
function lineOf(text: string, marker: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(marker))
  if (i < 0) throw new Error(`no ${marker}`)
  return i + 1
}

async function findings(text: string, lines: RecLine[], backend: BackendName, jobName = 'job.ts'): Promise<FindingView[]> {
  const c = writeCase(text, lines, { jobName })
  const s = await runJob({
    jobPath: c.jobPath, recordingPath: c.recordingPath, backend, out: null,
    processingTime: 'follow', drainProcessingTimers: false, skipBadLines: false,
  })
  expect(s.findings).not.toBeNull()
  return s.findings!
}

const events = (n: number, keys = 2): RecLine[] => Array.from({ length: n }, (_, i) => ({ k: `k${i % keys}`, ts: 1000 + i * 10 }))

describe.each(['heap', 'leveldb'] as const)('findings on %s', (backend) => {
  it('a timer delete that deleted nothing: one warning at its line, counted every time, first step and key', async () => {
    const text = job(`    ctx.timerService().deleteEventTimeTimer(ctx.timestamp()) // HERE
    ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 100000)`)
    const f = await findings(text, events(6), backend)
    expect(f).toHaveLength(1)
    expect(f[0]).toMatchObject({
      kind: 'noOpTimerDelete', severity: 'warning', line: lineOf(text, '// HERE'), count: 6, firstStep: 1, firstKey: '"k0"',
      message: 'deleteEventTimeTimer(t) found no timer at t: nothing was deleted',
    })
  })

  it('a delete that finds its timer raises nothing', async () => {
    const text = job(`    const prev = this.s.value()
    if (prev !== null) ctx.timerService().deleteEventTimeTimer(prev)
    this.s.update(ctx.timestamp() + 100000)
    ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 100000)`)
    expect(await findings(text, events(6), backend)).toEqual([])
  })

  it('event-time and processing-time timers at or behind now: warnings at each line', async () => {
    const text = job(`    ctx.timerService().registerEventTimeTimer(ctx.timerService().currentWatermark()) // EVENT
    ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() - 5) // PROC`)
    const f = await findings(text, events(4), backend)
    expect(f.map((x) => [x.kind, x.line])).toEqual([
      ['timerNotAhead', lineOf(text, '// EVENT')],
      ['timerNotAhead', lineOf(text, '// PROC')],
    ])
    expect(f[1].message).toContain('processing time')
  })

  it('timers ahead of the watermark and processing time raise nothing', async () => {
    const text = job(`    ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 1)
    ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + 1)`)
    expect(await findings(text, events(4), backend)).toEqual([])
  })

  it('more than 100 pending timers on a key: a pile-up warning (100 is fine)', async () => {
    const text = (n: number): string => job(`    for (let i = 0; i < ${n}; i++) ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 100000 + i) // PILE`)
    const over = await findings(text(101), events(1, 1), backend)
    expect(over.map((x) => [x.kind, x.line, x.count, x.firstKey])).toEqual([['timerPileUp', lineOf(text(101), '// PILE'), 1, '"k0"']])
    expect(await findings(text(100), events(1, 1), backend)).toEqual([])
  })

  it('wall-clock and random reads: warnings at their lines, answered with processing time and a seeded source', async () => {
    const text = job(`    out.collect({ now: Date.now(), d: new Date().getTime(), p: performance.now() }) // CLOCK
    out.collect({ r: Math.random() }) // RANDOM`)
    const f = await findings(text, events(3), backend)
    expect(f.map((x) => [x.kind, x.line, x.count])).toEqual([
      ['wallClockRead', lineOf(text, '// CLOCK'), 9],
      ['randomRead', lineOf(text, '// RANDOM'), 3],
    ])
  })

  it('a Date built from a timestamp and Math functions other than random raise nothing', async () => {
    const text = job('    out.collect({ d: new Date(ctx.timestamp()).toISOString(), m: Math.max(1, Math.floor(2.5)) })')
    expect(await findings(text, events(3), backend)).toEqual([])
  })

  it('records at or behind the watermark: a hint at the timestamp assigner, counted', async () => {
    const text = job('    out.collect(event)')
    const late: RecLine[] = [{ k: 'a', ts: 100 }, { k: 'a', ts: 200 }, { k: 'b', ts: 150 }, { k: 'a', ts: 120 }, { k: 'a', ts: 300 }]
    const f = await findings(text, late, backend)
    expect(f.map((x) => [x.kind, x.severity, x.line, x.count, x.firstStep, x.firstKey])).toEqual([
      ['lateRecords', 'hint', lineOf(text, '// ASSIGNER'), 2, 3, '"b"'],
    ])
  })

  it('records in order raise nothing', async () => {
    expect(await findings(job('    out.collect(event)'), events(5), backend)).toEqual([])
  })
})

describe.each(['heap', 'leveldb'] as const)('state that grows forever on %s', (backend) => {
  const keys = 10_001
  it('a state never cleared, without TTL, on more than 10,000 keys: a hint at its descriptor', async () => {
    const text = job('    this.s.update(1)')
    const f = await findings(text, events(keys, keys), backend)
    expect(f.map((x) => [x.kind, x.severity, x.line, x.count])).toEqual([['stateGrowsForever', 'hint', lineOf(text, '// DESCRIPTOR'), keys]])
    expect(f[0].message).toContain('"s"')
  })

  it('is first at the step where the state passed 10,000 keys, not where the findings were read', async () => {
    // Two records per key: the 10,001st key arrives at step 20,001 of 24,000 (the list is read after step 24,000).
    const text = job('    this.s.update(1)')
    const twice = Array.from({ length: 24_000 }, (_, i) => ({ k: `k${Math.floor(i / 2)}`, ts: 1000 + i }))
    const f = await findings(text, twice, backend)
    expect(f.map((x) => [x.kind, x.count, x.firstStep])).toEqual([['stateGrowsForever', 12_000, 20_001]])
    expect(f[0].message).toContain('12,000 keys hold it')
  }, 60_000)

  it('the same state with TTL, or cleared on some key, raises nothing', async () => {
    expect(await findings(job('    this.s.update(1)', { ttl: true }), events(keys, keys), backend)).toEqual([])
    expect(await findings(job("    this.s.update(1)\n    if (event.k === 'k7') this.s.clear()"), events(keys, keys), backend)).toEqual([])
  })
})

describe("a Python job's findings name its lines too", () => {
  // The twin of job(): the descriptor made in open(), the assigner set in job(); a JavaScript stack has no Python
  // frames, so Python tells the engine these lines itself.
  const PY = `from pyflink.common import Duration, Types, WatermarkStrategy
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor

class F(KeyedProcessFunction):
    def open(self, rc):
        d = ValueStateDescriptor("s", Types.LONG())  # DESCRIPTOR
        self.s = rc.get_state(d)

    def process_element(self, event, ctx):
        self.s.update(1)
        yield event

def job(events):
    return (events
            .assign_timestamps_and_watermarks(
                WatermarkStrategy.for_bounded_out_of_orderness(Duration.of_millis(0))
                .with_timestamp_assigner(lambda e, t: e["ts"]))  # ASSIGNER
            .key_by(lambda e: e["k"])
            .process(F()))
`

  it('records at or behind the watermark: a hint at the line that set the timestamp assigner', async () => {
    const late: RecLine[] = [{ k: 'a', ts: 100 }, { k: 'a', ts: 200 }, { k: 'b', ts: 150 }, { k: 'a', ts: 120 }, { k: 'a', ts: 300 }]
    const f = await findings(PY, late, 'heap', 'job.py')
    expect(f.map((x) => [x.kind, x.line, x.count, x.firstStep, x.firstKey])).toEqual([['lateRecords', lineOf(PY, '# ASSIGNER'), 2, 3, '"b"']])
  })

  it('state that grows forever: a hint at the line that made its descriptor', async () => {
    const keys = 10_001
    const f = await findings(PY, events(keys, keys), 'heap', 'job.py')
    expect(f.map((x) => [x.kind, x.line, x.count])).toEqual([['stateGrowsForever', lineOf(PY, '# DESCRIPTOR'), keys]])
  }, 120_000)
})

describe("a Python job's wall clock and random numbers (API.md: Python time and random)", () => {
  // They read the machine's real clock (2026 where the records said 2024), drew unseeded-per-step numbers, and
  // raised no finding: a replay, a trace or a second run saw other values, and nothing said why.
  const PY = `import random
import time
from datetime import datetime
from pyflink.datastream.functions import KeyedProcessFunction

class F(KeyedProcessFunction):
    def process_element(self, event, ctx):
        yield {"t": time.time(), "ns": time.time_ns(), "dt": datetime.now().timestamp()}  # CLOCK
        yield {"r": random.random(), "i": random.randint(1, 1000)}  # RANDOM

def job(events):
    return events.key_by(lambda e: e["k"]).process(F())
`
  const run = async (): Promise<{ out: unknown[]; findings: FindingView[] }> => {
    const c = writeCase(PY, events(3), { jobName: 'job.py' })
    const out = `${c.dir}/out.jsonl`
    const s = await runJob({
      jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', out,
      processingTime: 'manual', drainProcessingTimers: false, skipBadLines: false,
    })
    const { readFileSync } = await import('node:fs')
    return { out: readFileSync(out, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { value: unknown }).value), findings: s.findings! }
  }

  it('answers the clock with simulated processing time, random from a seeded source, and warns at their lines', async () => {
    const a = await run()
    // --processing-time manual without control lines: processing time stays 0.
    expect(a.out.filter((_, i) => i % 2 === 0)).toEqual([{ t: 0, ns: 0, dt: 0 }, { t: 0, ns: 0, dt: 0 }, { t: 0, ns: 0, dt: 0 }])
    expect(a.findings.map((x) => [x.kind, x.line, x.count])).toEqual([
      ['wallClockRead', lineOf(PY, '# CLOCK'), 9],
      ['randomRead', lineOf(PY, '# RANDOM'), 6],
    ])
    const b = await run()
    expect(b.out).toEqual(a.out) // the same numbers on every run
  })
})
