// on LevelDB the keyed operator keeps its pending timers and key registry in the
// state database (backend.timerQueue / backend.keyRegistry, named by operator id and domain), on the heap
// in memory; snapshots restore them on either backend, also over a reused state directory.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runJob } from '../../../../src-main/cli/run-job'
import { JobRun } from '../../../../src-main/engine/runtime/job-run'
import { KeyRegistry } from '../../../../src-main/engine/runtime/key-registry'
import type { RunSnapshot } from '../../../../src-main/engine/runtime/run-snapshot'
import type { StateBackend } from '../../../../src-main/engine/state/backend'
import { HeapStateBackend } from '../../../../src-main/engine/state/heap/heap-backend'
import { LevelDbKeyRegistry } from '../../../../src-main/engine/state/leveldb/leveldb-key-registry'
import { LevelDbStateBackend } from '../../../../src-main/engine/state/leveldb/leveldb-backend'
import { LevelDbTimerQueue } from '../../../../src-main/engine/state/leveldb/timers/leveldb-timer-queue'
import { TimerQueue } from '../../../../src-main/engine/time/timer-queue'
import { ArrayRecordingReader } from '../../../../src-main/replay/array-reader'
import type { RecordingItem } from '../../../../src-main/replay/recording-types'
import { compileJob } from '../../../../src-main/sandbox/compile-job'
import { loadJob } from '../../../../src-main/sandbox/load-job'
import { tempDir, writeCase } from '../../helpers/run-inline'
import { scriptJob } from '../../helpers/script-job'

// 300 keys, each registering event- and processing-time timers, some deleted later (T1, T2); the
// watermark trails the timestamps so many timers are pending at any cut.
function records(n: number, keys = 300): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = []
  for (let i = 0; i < n; i++) {
    const ts = 1000 + i * 3
    const r: Record<string, unknown> = { k: `u${(i * 7919) % keys}`, ts, reg: [ts + 500, ts + 500], regPt: [ts + 10_000] }
    if (i % 5 === 0) r.del = [ts - 15 + 500]
    out.push(r)
  }
  return out
}

const JOB = scriptJob({ strategy: 'WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(200)).withTimestampAssigner((e: any) => e.ts)' })

interface Started { run: JobRun; out: string[] }

async function start(backend: StateBackend, lines: Array<Record<string, unknown>>): Promise<Started> {
  const job = loadJob(await compileJob(join(tempDir(), 'job.ts'), JOB))
  const items: RecordingItem[] = lines.map((value, i) => ({ kind: 'record', value, sourceTimestamp: null, origin: { line: i + 1 } }))
  const out: string[] = []
  const run = JobRun.create({
    main: job.main, mapper: job.mapper, backend, reader: new ArrayRecordingReader(items),
    reopenReader: async (pos) => new ArrayRecordingReader(items, '<memory>', pos),
    processingTime: 'follow', drainProcessingTimers: false, batchSize: 64,
    jobSink: (tag, v, ts) => { out.push(JSON.stringify([tag, v, ts])) },
  })
  return { run, out }
}

function leveldb(dir: string, clear = false): Promise<LevelDbStateBackend> {
  return LevelDbStateBackend.open({ dir, cacheEntries: 64, batchSize: 16, clear })
}

describe('the keyed operator keeps timers and keys where the backend says', () => {
  it('on LevelDB they live in the state database and a reopened directory finds them by operator id and domain', async () => {
    const dir = join(tempDir(), 'state')
    const backend = await leveldb(dir)
    const { run } = await start(backend, records(2000))
    const op = run.keyedOps[0]
    expect(op.eventTimers).toBeInstanceOf(LevelDbTimerQueue)
    expect(op.processingTimers).toBeInstanceOf(LevelDbTimerQueue)
    expect(op.keys).toBeInstanceOf(LevelDbKeyRegistry)
    await run.runToEnd(undefined, 1500)
    const events = op.eventTimers.dump()
    const processing = op.processingTimers.dump()
    const keys = op.keys.dump()
    expect(events.length).toBeGreaterThan(50)
    expect(processing.length).toBeGreaterThan(50)
    expect(keys.length).toBe(300)
    await run.close()
    await backend.flush()
    await backend.close()

    const again = await leveldb(dir)
    try {
      expect(again.timerQueue(`${op.id}/event`).dump()).toEqual(events)
      expect(again.timerQueue(`${op.id}/processing`).dump()).toEqual(processing)
      expect(again.keyRegistry(op.id).dump()).toEqual(keys)
    } finally {
      await again.close()
    }
  })

  it('on the heap they stay in memory', async () => {
    const { run } = await start(new HeapStateBackend(), records(10))
    const op = run.keyedOps[0]
    expect(op.eventTimers).toBeInstanceOf(TimerQueue)
    expect(op.keys).toBeInstanceOf(KeyRegistry)
    await run.close()
  })
})

describe('snapshots carry timers and keys across backends and reused state directories', () => {
  const lines = records(3000)

  async function uninterrupted(): Promise<string[]> {
    const { run, out } = await start(new HeapStateBackend(), lines)
    await run.runToEnd()
    await run.close()
    return out
  }

  it('heap → LevelDB over a state directory that holds another run\'s timers and keys continues exactly (old timers never fire)', async () => {
    const expected = await uninterrupted()
    // A finished-part-way LevelDB run of other data leaves timers and keys of its own in the directory.
    const dir = join(tempDir(), 'state')
    const stale = await leveldb(dir)
    const other = await start(stale, records(1200, 50).map((r) => ({ ...r, k: `stale-${String(r.k)}` })))
    await other.run.runToEnd(undefined, 1000)
    expect(other.run.pendingTimers()).toBeGreaterThan(0)
    await other.run.close()
    await stale.flush()
    await stale.close()

    const first = await start(new HeapStateBackend(), lines)
    await first.run.runToEnd(undefined, 1700)
    const snap = JSON.parse(JSON.stringify(await first.run.snapshot())) as RunSnapshot
    await first.run.close()

    const reused = await leveldb(dir) // not cleared: the restore must replace what it holds
    const second = await start(reused, lines)
    try {
      await second.run.restore(snap)
      await second.run.runToEnd()
      expect([...first.out, ...second.out]).toEqual(expected)
      expect([...second.run.keyedOps[0].keys.byKeyStr].every(([k]) => !k.includes('stale'))).toBe(true)
    } finally {
      await second.run.close()
      await reused.close()
    }
  })

  it('LevelDB → heap: timers and keys read back from the database restore into memory', async () => {
    const expected = await uninterrupted()
    const backend = await leveldb(join(tempDir(), 'state'))
    const first = await start(backend, lines)
    await first.run.runToEnd(undefined, 2100)
    const snap = JSON.parse(JSON.stringify(await first.run.snapshot())) as RunSnapshot
    await first.run.close()
    await backend.close()
    const second = await start(new HeapStateBackend(), lines)
    await second.run.restore(snap)
    await second.run.runToEnd()
    await second.run.close()
    expect([...first.out, ...second.out]).toEqual(expected)
  })
})

describe('riffle run on a reused --state-dir', () => {
  it('a fresh run starts empty: the same output, keys and pending timers as on a new directory', async () => {
    const stale = writeCase(JOB, records(1500, 40).map((r) => ({ ...r, k: `stale-${String(r.k)}` })))
    const c = writeCase(JOB, records(1500))
    const once = async (recordingPath: string, state: string, name: string): Promise<{ out: string; keys: number; pending: number }> => {
      const out = join(c.dir, name)
      const s = await runJob({
        jobPath: c.jobPath, recordingPath, backend: 'leveldb', stateDir: state, out,
        processingTime: 'follow', drainProcessingTimers: false, skipBadLines: false, stopAfter: 1000,
      })
      return { out: readFileSync(out, 'utf8'), keys: s.keys, pending: s.pendingEventTimers + s.pendingProcessingTimers }
    }
    const reused = join(c.dir, 'reused')
    await once(stale.recordingPath, reused, 'stale.jsonl')
    const onReused = await once(c.recordingPath, reused, 'a.jsonl')
    const onNew = await once(c.recordingPath, join(c.dir, 'new'), 'b.jsonl')
    expect(onNew.pending).toBeGreaterThan(0)
    expect(onReused).toEqual(onNew)
  })
})
