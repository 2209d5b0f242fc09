// Savepoints across parallelism, in-process over real files: a run split into N subtasks (key groups) stops
// part-way, each subtask writes its savepoint, they are joined into one (savepoint-merge.ts), and M
// subtasks resume from it, each with its own key groups (savepoint-share.ts). On random jobs and
// recordings (fast-check), heap and LevelDB, every key's output (before the cut, then after it) is
// exactly the uninterrupted single run's.
import fc from 'fast-check'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { BackendName, ProcessingTimeMode } from '../../../../src-main/common/views'
import type { KeyGroupShare } from '../../../../src-main/engine/runtime/key-group'
import { openRun } from '../../../../src-main/engine/runtime/open-run'
import { writeMergedSavepoint } from '../../../../src-main/engine/runtime/savepoint-merge'
import { restoreSavepoint, writeRunSavepoint } from '../../../../src-main/engine/runtime/run-savepoint'
import { jobSource, jobSpecArb, recordingArb, type RecordingLine } from '../differential-jobs'

const root = mkdtempSync(join(tmpdir(), 'riffle-rescale-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let runs = 0

interface Options { processingTime: ProcessingTimeMode; drain: boolean }
const optionsArb: fc.Arbitrary<Options> = fc.record({ processingTime: fc.constantFrom<ProcessingTimeMode>('follow', 'manual'), drain: fc.boolean() })

interface Piece {
  share?: KeyGroupShare
  from?: string
  stopAfter?: number
  savepointOut?: string
}

/** One subtask's run (or the whole run without a share): its output lines, each with the key it was output for. */
async function runPiece(jobPath: string, recPath: string, o: Options, backend: BackendName, p: Piece): Promise<Array<[string | null, string]>> {
  const out: Array<[string | null, string]> = []
  const holder: { key: () => string | null } = { key: () => null }
  const opened = await openRun({
    jobPath, recordingPath: recPath, skipBadLines: false, backend, keepState: p.from !== undefined,
    processingTime: o.processingTime, drainProcessingTimers: o.drain, batchSize: 16, keyGroups: p.share,
    sink: () => (tag, v, ts) => { out.push([holder.key(), JSON.stringify([tag, v, ts])]) },
  })
  try {
    const run = opened.run
    holder.key = () => run.rc.currentKeyStr
    if (p.from !== undefined) await restoreSavepoint(run, p.from, recPath)
    await run.runToEnd(undefined, p.stopAfter ?? Infinity)
    if (p.savepointOut !== undefined) await writeRunSavepoint(run, p.savepointOut, recPath, backend)
    await run.close()
  } finally {
    await opened.close()
  }
  return out
}

/** The pieces' lines grouped by key, each key's in output order (pieces concatenated in the order given). */
function byKey(pieces: Array<Array<[string | null, string]>>): Map<string | null, string[]> {
  const m = new Map<string | null, string[]>()
  for (const piece of pieces) for (const [k, l] of piece) m.set(k, [...(m.get(k) ?? []), l])
  return new Map([...m].sort(([a], [b]) => String(a).localeCompare(String(b))))
}

/**
 * Stops a run at `n` subtasks after `cut` records with a savepoint (joined when n > 1), resumes it at
 * `m` subtasks and returns the pieces' output with the uninterrupted single run's.
 */
async function rescaled(lines: RecordingLine[], source: string, o: Options, backend: BackendName, n: number, m: number, cut: number): Promise<{ whole: Map<string | null, string[]>; pieces: Map<string | null, string[]>; count: number }> {
  const dir = join(root, `case${++runs}`)
  mkdirSync(dir)
  const jobPath = join(dir, 'job.ts')
  writeFileSync(jobPath, source)
  const recPath = join(dir, 'rec.jsonl')
  writeFileSync(recPath, lines.map((l) => JSON.stringify(l)).join('\n') + '\n')
  const share = (index: number, of: number): KeyGroupShare | undefined => (of === 1 ? undefined : { index, of })
  const whole = await runPiece(jobPath, recPath, o, 'heap', {})
  const first: Array<Array<[string | null, string]>> = []
  const parts: string[] = []
  for (let i = 0; i < n; i++) {
    parts.push(join(dir, `part${i}`))
    first.push(await runPiece(jobPath, recPath, o, backend, { share: share(i, n), stopAfter: cut, savepointOut: parts[i] }))
  }
  const sp = n === 1 ? parts[0] : join(dir, 'joined')
  if (n > 1) await writeMergedSavepoint(parts, sp)
  const second: Array<Array<[string | null, string]>> = []
  for (let j = 0; j < m; j++) second.push(await runPiece(jobPath, recPath, o, backend, { share: share(j, m), from: sp }))
  return { whole: byKey([whole]), pieces: byKey([...first, ...second]), count: whole.length }
}

describe('a savepoint taken at parallelism N resumes at parallelism M', () => {
  for (const backend of ['heap', 'leveldb'] as const) {
    it(`${backend}: 2 → 1, 1 → 2, 2 → 2, 3 → 2, 2 → 3: every key's output equals the uninterrupted run's (fast-check)`, async () => {
      let outputs = 0
      const scales = fc.constantFrom<[number, number]>([2, 1], [1, 2], [2, 2], [3, 2], [2, 3])
      await fc.assert(
        fc.asyncProperty(jobSpecArb, recordingArb, optionsArb, scales, fc.double({ min: 0, max: 1, noNaN: true }), async (spec, lines, o, [n, m], at) => {
          const records = lines.filter((l) => !('$watermark' in l) && !('$processingTime' in l)).length
          const r = await rescaled(lines, jobSource(spec), o, backend, n, m, Math.floor(records * at))
          expect(r.pieces).toEqual(r.whole)
          outputs += r.count
        }),
        { numRuns: Number(process.env.RIFFLE_DIFF_RUNS ?? (backend === 'heap' ? 30 : 10)), seed: Number(process.env.RIFFLE_DIFF_SEED ?? 20261205) },
      )
      expect(outputs).toBeGreaterThan(200)
    }, 300_000)
  }

  it('the joined savepoint holds every key group once: its tables have the single run\'s entries', async () => {
    const dir = join(root, 'joined-tables')
    mkdirSync(dir)
    const jobPath = join(dir, 'job.ts')
    writeFileSync(jobPath, `import { KeyedProcessFunction, ValueStateDescriptor } from 'riffle'
class Count extends KeyedProcessFunction<string, { k: string }, unknown> {
  count: any
  open(ctx: any) { this.count = ctx.getState(new ValueStateDescriptor('count')) }
  processElement(e: { k: string }, ctx: any, out: any) { this.count.update((this.count.value() ?? 0) + 1); out.collect([e.k, this.count.value()]) }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new Count())
`)
    const recPath = join(dir, 'rec.jsonl')
    writeFileSync(recPath, Array.from({ length: 400 }, (_, i) => JSON.stringify({ k: `user${i % 37}`, ts: i })).join('\n') + '\n')
    const o: Options = { processingTime: 'follow', drain: false }
    await runPiece(jobPath, recPath, o, 'heap', { stopAfter: 250, savepointOut: join(dir, 'single') })
    for (let i = 0; i < 2; i++) await runPiece(jobPath, recPath, o, 'leveldb', { share: { index: i, of: 2 }, stopAfter: 250, savepointOut: join(dir, `p${i}`) })
    await writeMergedSavepoint([join(dir, 'p0'), join(dir, 'p1')], join(dir, 'joined'))
    const table = (sp: string): string[] => readFileSync(join(sp, 'tables/0000.jsonl'), 'utf8').trim().split('\n').sort()
    expect(table(join(dir, 'joined'))).toEqual(table(join(dir, 'single')))
    expect(table(join(dir, 'joined'))).toHaveLength(37)
    const engine = JSON.parse(readFileSync(join(dir, 'joined/engine.json'), 'utf8')) as { subtasks: number }
    expect(engine.subtasks).toBe(2)
    expect((JSON.parse(readFileSync(join(dir, 'joined/manifest.json'), 'utf8')) as { createdBy: string }).createdBy).toMatch(/leveldb, 2 subtasks/)
  })
})
