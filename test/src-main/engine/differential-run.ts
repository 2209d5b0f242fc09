// Runs one generated job over a generated recording in-process on a chosen backend (and optionally cut
// part-way and continued on another backend from a JSON snapshot), for the differential test.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ProcessingTimeMode } from '../../../src-main/common/views'
import { StateTtlConfig } from '../../../src-main/engine/api/ttl-config'
import { JobRun } from '../../../src-main/engine/runtime/job-run'
import type { RunSnapshot } from '../../../src-main/engine/runtime/run-snapshot'
import type { KeyGroupShare } from '../../../src-main/engine/runtime/key-group'
import type { StateBackend, TableDump } from '../../../src-main/engine/state/backend'
import { tableId } from '../../../src-main/engine/state/backend'
import { HeapStateBackend } from '../../../src-main/engine/state/heap/heap-backend'
import { LevelDbStateBackend } from '../../../src-main/engine/state/leveldb/leveldb-backend'
import { ttlPredicate } from '../../../src-main/engine/state/leveldb/ttl-predicate'
import type { TtlPredicate } from '../../../src-main/engine/state/leveldb/ttl-sweep'
import { ArrayRecordingReader } from '../../../src-main/replay/array-reader'
import type { RecordingItem } from '../../../src-main/replay/recording-types'
import { compileJob } from '../../../src-main/sandbox/compile-job'
import { loadJob } from '../../../src-main/sandbox/load-job'
import type { RecordingLine } from './differential-jobs'

const root = mkdtempSync(join(tmpdir(), 'riffle-differential-'))
let dbCount = 0

/** Removes the LevelDB folders of every run so far. */
export function removeDifferentialDbs(): void {
  rmSync(root, { recursive: true, force: true })
}

export type BackendChoice = { name: 'heap' } | { name: 'leveldb'; cacheEntries: number }

export interface Options {
  processingTime: ProcessingTimeMode
  drain: boolean
  /** Run one subtask's share of the key groups only (--parallelism). */
  keyGroups?: KeyGroupShare
}

export interface Outcome {
  out: string[]
  /** The error a run stopped with (message), or null. */
  error: string | null
  /** Final state: table entries as a sorted set, and the rest of the run snapshot (timers, keys, watermarks). */
  tables: string[]
  engine: string
  /** Entries the LevelDB TTL sweep removed during the run (with the sweep option). */
  swept: number
}

/** LevelDB's background TTL sweep (CL4), started without waiting after every input batch. */
export interface SweepOption { maxEntries: number }

/** The sweep's expiry test for a run: each TTL table's TTL, judged by its clock (processing time or watermark). */
function predicateFor(run: JobRun): TtlPredicate {
  const ttl = new Map<string, number>()
  const eventTime = new Set<string>()
  for (const op of run.keyedOps) {
    for (const [id, cfg] of op.state.ttlConfigsByTable()) {
      if (cfg === null) continue
      ttl.set(id, cfg.ttlMillis)
      if (cfg.timeCharacteristic === StateTtlConfig.TtlTimeCharacteristic.EventTime) eventTime.add(id)
    }
  }
  const ops = new Map(run.keyedOps.map((op) => [op.id, op]))
  return ttlPredicate(ttl, (meta) => (eventTime.has(tableId(meta)) ? (ops.get(meta.operatorId)?.inputWatermark ?? 0) : run.rc.processingTime))
}

export function toItems(lines: RecordingLine[]): RecordingItem[] {
  return lines.map((l, i): RecordingItem => {
    const origin = { line: i + 1 }
    if ('$watermark' in l) return { kind: 'watermark', watermark: l.$watermark, origin }
    if ('$processingTime' in l) return { kind: 'processingTime', time: l.$processingTime, origin }
    return { kind: 'record', value: l, sourceTimestamp: null, origin }
  })
}

async function openBackend(b: BackendChoice): Promise<StateBackend> {
  if (b.name === 'heap') return new HeapStateBackend()
  return LevelDbStateBackend.open({ dir: join(root, `db${++dbCount}`), cacheEntries: b.cacheEntries, batchSize: Math.max(4, b.cacheEntries >> 2) })
}

/** Entries of every table as one sorted list of JSON lines (map entries keep their order: it is observable). */
function tableSet(tables: TableDump[]): string[] {
  return tables.flatMap((t) => t.entries.map(([k, v]) => JSON.stringify([t.meta.operatorId, t.meta.stateName, t.meta.kind, t.meta.ttl, k, v]))).sort()
}

function engineOf(s: RunSnapshot): string {
  const { tables: _tables, ...rest } = s
  return JSON.stringify(rest)
}

/**
 * Runs the job over the items on one backend; with `cut`, stops after cut.after records, snapshots,
 * and continues in a fresh run on cut.to restored from that snapshot (through JSON, as a savepoint).
 */
export async function runOn(source: string, items: RecordingItem[], o: Options, b: BackendChoice, cut?: { after: number; to: BackendChoice }, sweep?: SweepOption): Promise<Outcome> {
  const out: string[] = []
  const compiled = await compileJob(join(root, 'job.ts'), source)
  const start = async (backend: StateBackend): Promise<JobRun> => {
    const job = loadJob(compiled)
    return JobRun.create({
      main: job.main, mapper: job.mapper, backend, reader: new ArrayRecordingReader(items),
      reopenReader: async (pos) => new ArrayRecordingReader(items, '<memory>', pos),
      processingTime: o.processingTime, drainProcessingTimers: o.drain, batchSize: 16, keyGroups: o.keyGroups,
      jobSink: (tag, v, ts) => { out.push(JSON.stringify([tag, v, ts])) },
    })
  }
  const backends: StateBackend[] = []
  let run: JobRun | null = null
  let swept = 0
  try {
    backends.push(await openBackend(b))
    run = await start(backends[0])
    let error: string | null = null
    try {
      if (cut !== undefined) {
        await run.runToEnd(undefined, cut.after)
        const snap = JSON.parse(JSON.stringify(await run.snapshot())) as RunSnapshot
        await run.close()
        backends.push(await openBackend(cut.to))
        run = await start(backends[1])
        await run.restore(snap)
      }
      const level = backends[backends.length - 1]
      if (sweep !== undefined && level instanceof LevelDbStateBackend) {
        // The sweep runs alongside the engine: started, not awaited, after each batch; the engine goes
        // on while the sweep waits for LevelDB's iterator, as a timer-driven sweep would.
        const r = run
        const pred = predicateFor(r)
        const sweeps: Array<Promise<void>> = []
        await r.runToEnd(async () => {
          sweeps.push(level.sweepOnce(pred, { maxEntries: sweep.maxEntries }).then((res) => { swept += res.removed }))
          await new Promise((res) => setImmediate(res))
        })
        await Promise.all(sweeps)
      } else {
        await run.runToEnd()
      }
    } catch (e) {
      error = (e as Error).message
    }
    const s = error === null ? await run.snapshot() : null
    return { out, error, tables: s === null ? [] : tableSet(s.tables), engine: s === null ? '' : engineOf(s), swept }
  } finally {
    await run?.close()
    for (const bk of backends) await bk.close?.()
  }
}
