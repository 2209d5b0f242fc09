// every example over every sample recording gives byte-identical --out on the heap
// and on LevelDB (with the default cache and with a 16-entry cache, so nearly every read goes to disk),
// and so do small jobs that use every state kind with TTL, timers, side outputs and two keyed stages.
// With the 16-entry cache, where a run is several times slower, an example reads at most TINY_CACHE_LINES lines.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildCliBeforeAll, example, recording, riffle, tempDir, writeIn, writeRecording } from './backend-cli-harness'
import { OWN_RECORDING as OWN, recordingSlice } from '../../examples/example-recordings'
import { ALL_KINDS_JOB, stateRecording, TWO_STAGES_JOB } from './state-test-jobs'

buildCliBeforeAll()

const EXAMPLES = ['running-count.ts', 'sessionizer-seed.ts', 'sessionizer-fixed.ts', 'failed-logins.ts', 'dedup-ttl.ts']
/** The small sample recordings every example also runs over (the big ones only with their own example). */
const SMALL_RECORDINGS = ['clicks-small.jsonl', 'purchases.csv', 'orders.kcat.jsonl']
/** The pairs README.md lists: each example over the recording it was written for. */
const OWN_RECORDING = (ex: string): string => OWN[ex.replace(/\.ts$/, '')]!
const TINY_CACHE = { RIFFLE_LEVELDB_CACHE_ENTRIES: '16' }
/**
 * The lines of its own recording an example reads with a 16-entry cache: all of logins.jsonl and payments.jsonl, the
 * first 10,000 of clicks.jsonl (thousands of users, so the cache turns over on nearly every record all the same).
 * The whole of clicks.jsonl took 40 s there, against 5 s on the heap.
 */
const TINY_CACHE_LINES = 10_000

interface Outcome { code: number | null; out: string; error: string }

/** Runs job over rec on one backend; the error is the CLI's "riffle: CODE: message" line, if any. */
async function runOn(backend: 'heap' | 'leveldb', job: string, rec: string, extra: string[] = [], env: Record<string, string> = {}): Promise<Outcome> {
  const dir = tempDir()
  const out = join(dir, 'out.jsonl')
  const args = [job, rec, '--out', out, '--backend', backend, ...extra]
  if (backend === 'leveldb') args.push('--state-dir', join(dir, 'state'))
  const r = await riffle(args, env)
  let text = ''
  try { text = readFileSync(out, 'utf8') } catch { /* the run failed before opening --out */ }
  return { code: r.code, out: text, error: r.stderr.split('\n').find((l) => l.startsWith('riffle: ') && !l.startsWith('riffle: done')) ?? '' }
}

describe('examples give byte-identical --out on heap and LevelDB', () => {
  for (const ex of EXAMPLES) {
    it(`${ex} over ${OWN_RECORDING(ex)} (its own recording): identical with the default and a 16-entry LevelDB cache`, async () => {
      const own = recording(OWN_RECORDING(ex))
      const cut = recordingSlice(OWN_RECORDING(ex), TINY_CACHE_LINES)
      const [heap, level, heapCut, tiny] = await Promise.all([
        runOn('heap', example(ex), own),
        runOn('leveldb', example(ex), own),
        runOn('heap', example(ex), cut),
        runOn('leveldb', example(ex), cut, [], TINY_CACHE),
      ])
      expect(heap.error).toBe('')
      expect(heap.code).toBe(0)
      expect(heap.out.split('\n').length).toBeGreaterThan(10)
      expect(level.code).toBe(0)
      expect(level.out === heap.out).toBe(true)
      expect(heapCut.code).toBe(0)
      expect(heapCut.out.split('\n').length).toBeGreaterThan(10)
      expect(tiny.code).toBe(0)
      expect(tiny.out === heapCut.out).toBe(true)
    })
  }

  // The small recordings too: where the example cannot handle one (a CSV without the fields it needs, a
  // kcat payload that is a string) both backends must fail the same way after the same output.
  for (const ex of EXAMPLES) {
    it(`${ex} over the small sample recordings: same output, same exit status and error on both backends`, async () => {
      for (const rec of SMALL_RECORDINGS) {
        const [heap, level] = await Promise.all([runOn('heap', example(ex), recording(rec)), runOn('leveldb', example(ex), recording(rec))])
        expect({ rec, code: level.code, error: level.error }).toEqual({ rec, code: heap.code, error: heap.error })
        expect(level.out === heap.out, `${ex} over ${rec}: --out differs`).toBe(true)
      }
    })
  }
})

describe('state-kind jobs give byte-identical --out on heap and LevelDB', () => {
  const cases = [
    { name: 'all five kinds with TTL (list OnReadAndWrite, map incremental cleanup, reducing ReturnExpiredIfNotCleanedUp, event-time aggregating), timers set and deleted, a side output', job: ALL_KINDS_JOB, seed: 11 },
    { name: 'two keyed stages: processing-time TTL and timers, then an event-time TTL map and a list', job: TWO_STAGES_JOB, seed: 12 },
  ]
  /** Each case's heap run over its recording, run once: the last test reads the first case's as well. */
  const heapRuns = new Map<(typeof cases)[number], Promise<Outcome>>()
  function heapRun(c: (typeof cases)[number]): Promise<Outcome> {
    if (!heapRuns.has(c)) {
      const dir = tempDir()
      heapRuns.set(c, runOn('heap', writeIn(dir, 'job.ts', c.job), writeRecording(dir, 'rec.jsonl', stateRecording(c.seed, 3000, 40))))
    }
    return heapRuns.get(c)!
  }

  for (const c of cases) {
    it(`${c.name}`, async () => {
      const dir = tempDir()
      const job = writeIn(dir, 'job.ts', c.job)
      const rec = writeRecording(dir, 'rec.jsonl', stateRecording(c.seed, 3000, 40))
      // A shorter recording for the 16-entry cache, where nearly every state access is a getSync.
      const short = writeRecording(dir, 'short.jsonl', stateRecording(c.seed + 100, 800, 40))
      const [heap, level, heapShort, tiny] = await Promise.all([
        heapRun(c), runOn('leveldb', job, rec), runOn('heap', job, short), runOn('leveldb', job, short, [], TINY_CACHE),
      ])
      expect(heap.error).toBe('')
      expect(heap.out.split('\n').length).toBeGreaterThan(3000)
      expect(level.out === heap.out).toBe(true)
      expect(heapShort.error).toBe('')
      expect(tiny.out === heapShort.out).toBe(true)
    })
  }

  it('manual processing time with drained processing-time timers: identical (P1, TTL on $processingTime lines)', async () => {
    const dir = tempDir()
    const job = writeIn(dir, 'job.ts', TWO_STAGES_JOB)
    const rec = writeRecording(dir, 'rec.jsonl', stateRecording(13, 2000, 30))
    const extra = ['--processing-time', 'manual', '--drain-processing-timers']
    const [heap, tiny] = await Promise.all([runOn('heap', job, rec, extra), runOn('leveldb', job, rec, extra, TINY_CACHE)])
    expect(heap.error).toBe('')
    expect(heap.out).toContain('"region":"rt"')
    expect(tiny.out === heap.out).toBe(true)
  })

  it('the output shows the TTL behaviour it is meant to exercise (so identity is not trivially of empty state)', async () => {
    const heap = await heapRun(cases[0]!)
    const lines = heap.out.trim().split('\n').map((l) => JSON.parse(l) as { tag?: string; value: Record<string, unknown> })
    const records = lines.filter((l) => l.tag === undefined && typeof l.value.c === 'number').map((l) => l.value)
    // Counts keep growing (no TTL) while TTL'd states restart: some record has c > 1 but one recent value.
    expect(records.some((v) => (v.c as number) > 1 && (v.recent as unknown[]).length === 1)).toBe(true)
    expect(lines.some((l) => l.tag === 'big')).toBe(true)
    expect(lines.some((l) => l.value.timer !== undefined)).toBe(true)
  })
})
