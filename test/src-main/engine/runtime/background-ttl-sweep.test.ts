// The in-run TTL sweep (CL4): on LevelDB, expired state is removed from storage at flush
// points during the run, where removal cannot change what the job sees (CL5); the outputs stay those of
// the heap, which keeps the expired entries until they are read.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { JobRun } from '../../../../src-main/engine/runtime/job-run'
import type { StateBackend } from '../../../../src-main/engine/state/backend'
import { HeapStateBackend } from '../../../../src-main/engine/state/heap/heap-backend'
import { LevelDbStateBackend } from '../../../../src-main/engine/state/leveldb/leveldb-backend'
import { ArrayRecordingReader } from '../../../../src-main/replay/array-reader'
import { compileJob } from '../../../../src-main/sandbox/compile-job'
import { loadJob } from '../../../../src-main/sandbox/load-job'
import { RIFFLE } from '../../helpers/run-inline'

const dir = mkdtempSync(join(tmpdir(), 'riffle-sweep-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// Each event id is remembered for 1 s of processing time (which follows the records); an id comes back
// only much later, so entries expire unread. Incremental cleanup is off (size 0), as it is for RocksDB
// in Flink (CL3 is heap-only): without the sweep the expired entries stay stored.
const job = `${RIFFLE}class Seen extends KeyedProcessFunction<any, any, any> {
  seen!: ValueState<boolean>
  open(ctx: RuntimeContext) {
    const d = new ValueStateDescriptor<boolean>('seen', Types.BOOLEAN)
    d.enableTimeToLive(StateTtlConfig.newBuilder(Time.seconds(1)).cleanupIncrementally(0, false).build())
    this.seen = ctx.getState(d)
  }
  processElement(e: any, ctx: any, out: any) {
    if (this.seen.value()) return
    this.seen.update(true)
    out.collect(e.id)
  }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.id).process(new Seen())
`
const events = Array.from({ length: 20_000 }, (_, i) => ({ ts: i * 100, id: `e${i % 15_000}` }))
const items = events.map((value, i) => ({ kind: 'record' as const, value, sourceTimestamp: null, origin: { line: i + 1 } }))

type Ran = { out: unknown[]; stored: number; countedAtStep: number | null; steps: number; afterRestore: number | null }

/** Runs the job to the end; with `restore`, then restores the run as it was before its first step. */
async function run(backend: StateBackend, sweep: boolean, restore = false): Promise<Ran> {
  const jobPath = join(dir, 'job.ts')
  writeFileSync(jobPath, job)
  const { main, mapper } = loadJob(await compileJob(jobPath))
  const out: unknown[] = []
  const r = JobRun.create({
    main, mapper, backend, reader: new ArrayRecordingReader(items), processingTime: 'follow',
    reopenReader: async (start) => new ArrayRecordingReader(items, '<memory>', start),
    drainProcessingTimers: false, jobSink: (_t, v) => out.push(v), backgroundTtlSweep: sweep,
  })
  // No pass has counted anything before the first step.
  expect(r.sweep.countedAtStep).toBeNull()
  const start = restore ? await r.snapshot() : null
  await r.runToEnd()
  await backend.flush()
  const stored = backend.tables().reduce((n, t) => n + t.size(), 0)
  const countedAtStep = r.sweep.countedAtStep
  const steps = r.rc.step
  if (start !== null) await r.restore(start)
  const afterRestore = r.sweep.countedAtStep
  await r.close()
  await backend.close()
  return { out, stored, countedAtStep, steps, afterRestore }
}

describe('background TTL sweep during a run', () => {
  it('removes expired entries from LevelDB while the outputs stay the heap\'s (CL4, CL5)', async () => {
    const heap = await run(new HeapStateBackend(), true)
    const swept = await run(await LevelDbStateBackend.open({ dir: join(dir, 'a'), cacheEntries: 256 }), true)
    const kept = await run(await LevelDbStateBackend.open({ dir: join(dir, 'b'), cacheEntries: 256 }), false)
    expect(swept.out).toEqual(heap.out)
    expect(kept.out).toEqual(heap.out)
    // Ids repeat after 15 000 events (1 500 s later): long expired, so they pass again.
    expect(heap.out).toHaveLength(20_000)
    expect(kept.stored).toBe(15_000)
    // At most the last ~10 s of ids are unexpired; the sweep removed most of the rest.
    expect(swept.stored).toBeLessThan(kept.stored / 2)
  })

  it('remembers the step at which a pass last counted the expired entries (what the status line\'s count is as of)', async () => {
    const swept = await run(await LevelDbStateBackend.open({ dir: join(dir, 'c'), cacheEntries: 256 }), true, true)
    expect(swept.countedAtStep).not.toBeNull()
    expect(swept.countedAtStep).toBeGreaterThan(0)
    expect(swept.countedAtStep).toBeLessThanOrEqual(swept.steps)
    // Back at step 0 (a seek, a step back), a count taken at a later step says nothing: not counted yet.
    expect(swept.afterRestore).toBeNull()
  })
})
