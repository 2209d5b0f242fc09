// Savepoints across --parallelism through the command line (real CLI, worker threads, files and LevelDB):
// `--parallelism N --stop-after K --savepoint-out DIR`, then `--parallelism M --from-savepoint DIR`, for
// 2 → 1, 1 → 2 and 2 → 2 on heap and LevelDB, resumes to the uninterrupted run's output: the same
// records, each key's in the same order, and each subtask's share (of 2) in the same order as
// `--parallelism 2` outputs it. One pair reads all of clicks.jsonl; the others its first 20,000 lines, where the
// point (the pieces equal the whole) is the same and a run takes less than half as long.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { keyGroupOf, operatorIndexOf } from '../../../src-main/engine/runtime/key-group'
import { buildCliBeforeAll, example, recording, riffleOk, tempDir, writeIn, writeRecording } from './backend-cli-harness'
import { recordingSlice } from '../../examples/example-recordings'
import { ALL_KINDS_JOB, stateRecording } from './state-test-jobs'

buildCliBeforeAll()

type Backend = 'heap' | 'leveldb'
interface Piece { parallelism: number; backend: Backend; stopAfter?: number; env?: Record<string, string> }

/** The key an output line was output for: every job here outputs it as k, key or user_id. */
function keyOf(line: string): unknown {
  const v = (JSON.parse(line) as { value: Record<string, unknown> }).value
  return v.k ?? v.key ?? v.user_id
}

/** The lines of each key, in order. */
function perKey(lines: string[]): Map<string, string[]> {
  const m = new Map<string, string[]>()
  for (const l of lines) {
    const k = JSON.stringify(keyOf(l))
    m.set(k, [...(m.get(k) ?? []), l])
  }
  return m
}

/** The lines of subtask `index` of 2's keys, in order. */
const shareOf = (lines: string[], index: number): string[] => lines.filter((l) => operatorIndexOf(keyGroupOf(keyOf(l)), 2) === index)

const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '')

/** One uninterrupted run's --out. */
async function uninterrupted(job: string, rec: string, parallelism: number): Promise<string[]> {
  const dir = tempDir()
  await riffleOk([job, rec, '--out', join(dir, 'out.jsonl'), '--parallelism', String(parallelism)])
  return lines(readFileSync(join(dir, 'out.jsonl'), 'utf8'))
}

/** Runs the recording in pieces, each resuming from the previous piece's savepoint; the pieces' outputs concatenated. */
async function inPieces(job: string, rec: string, pieces: Piece[]): Promise<string[]> {
  const dir = tempDir()
  let out: string[] = []
  let previous: string | null = null
  for (const [i, p] of pieces.entries()) {
    const sp = join(dir, `sp${i}`)
    const args = [job, rec, '--out', join(dir, `out${i}.jsonl`), '--backend', p.backend, '--parallelism', String(p.parallelism), '--savepoint-out', sp]
    if (p.stopAfter !== undefined) args.push('--stop-after', String(p.stopAfter))
    if (previous !== null) args.push('--from-savepoint', previous)
    const r = await riffleOk(args, p.env)
    if (p.parallelism > 1) expect(r.stderr).toContain(`savepoint:       ${sp}`)
    out = [...out, ...lines(readFileSync(join(dir, `out${i}.jsonl`), 'utf8'))]
    previous = sp
  }
  return out
}

/** The resumed output is the uninterrupted one: same multiset, each key's order, each share of 2's order. */
function expectSameRun(pieces: string[], whole: string[], two: string[]): void {
  expect(whole.length).toBeGreaterThan(100)
  expect([...pieces].sort()).toEqual([...whole].sort())
  expect(perKey(pieces)).toEqual(perKey(whole))
  for (const i of [0, 1]) expect(shareOf(pieces, i)).toEqual(shareOf(two, i))
}

describe('a savepoint taken at --parallelism N resumes at --parallelism M', () => {
  const job = example('sessionizer-fixed.ts')
  /** The whole recording, stopped at 20,000 records, and its first 20,000 lines, stopped at 8,000. */
  const FULL = { name: 'clicks.jsonl', rec: recording('clicks.jsonl'), stopAfter: 20_000 }
  const CUT = { name: "clicks.jsonl's first 20 000 lines", rec: '', stopAfter: 8_000 }
  const refs = new Map<string, { whole: string[]; two: string[] }>()
  beforeAll(async () => {
    CUT.rec = recordingSlice('clicks.jsonl', 20_000)
    for (const r of [FULL, CUT]) {
      const [whole, two] = await Promise.all([uninterrupted(job, r.rec, 1), uninterrupted(job, r.rec, 2)])
      refs.set(r.name, { whole, two })
    }
  })

  for (const [n, m] of [[2, 1], [1, 2], [2, 2]]) {
    for (const backend of ['heap', 'leveldb'] as const) {
      const on = n === 1 && backend === 'leveldb' ? FULL : CUT
      it(`sessionizer-fixed over ${on.name}, ${backend}: ${n} → ${m} at ${on.stopAfter.toLocaleString('en').replace(',', ' ')} records equals the uninterrupted run`, async () => {
        const pieces = await inPieces(job, on.rec, [{ parallelism: n, backend, stopAfter: on.stopAfter }, { parallelism: m, backend }])
        const { whole, two } = refs.get(on.name)!
        expectSameRun(pieces, whole, two)
      })
    }
  }

  it('every state kind with TTL, timers and side outputs: 2 → 1 → 2 → 3 → 2 across heap and LevelDB (16-entry cache) equals the uninterrupted run', async () => {
    const dir = tempDir()
    // Without ReturnExpiredIfNotCleanedUp: what that job reads depends on when incremental cleanup visits
    // a key, and a subtask's cursor walks only its own keys (in Flink as here), so it differs across parallelism.
    expect(ALL_KINDS_JOB).toContain('.returnExpiredIfNotCleanedUp()')
    const allKinds = writeIn(dir, 'job.ts', ALL_KINDS_JOB.replace('.returnExpiredIfNotCleanedUp()', ''))
    const stateRec = writeRecording(dir, 'rec.jsonl', stateRecording(21, 2400, 30))
    const [w, t, pieces] = await Promise.all([
      uninterrupted(allKinds, stateRec, 1),
      uninterrupted(allKinds, stateRec, 2),
      inPieces(allKinds, stateRec, [
        { parallelism: 2, backend: 'leveldb', stopAfter: 500, env: { RIFFLE_LEVELDB_CACHE_ENTRIES: '16' } },
        { parallelism: 1, backend: 'heap', stopAfter: 1111 },
        { parallelism: 2, backend: 'heap', stopAfter: 1500 },
        { parallelism: 3, backend: 'leveldb', stopAfter: 1800 },
        { parallelism: 2, backend: 'leveldb', env: { RIFFLE_LEVELDB_CACHE_ENTRIES: '16' } },
      ]),
    ])
    expect(w.some((l) => l.includes('"tag":"big"'))).toBe(true)
    expect(w.some((l) => l.includes('"timer"'))).toBe(true)
    // A share of 2 is cut across by 3 subtasks: only the multiset and each key's order are asked of that piece.
    expect([...pieces].sort()).toEqual([...w].sort())
    expect(perKey(pieces)).toEqual(perKey(w))
    expect([...t].sort()).toEqual([...w].sort())
  }, 120_000)
})
