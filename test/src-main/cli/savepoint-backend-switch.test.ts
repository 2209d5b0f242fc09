// Savepoints across backends through the command line: --stop-after N --savepoint-out, then --from-savepoint on the
// other backend (heap→LevelDB, LevelDB→heap, and chains of both) continues exactly: the outputs of the
// pieces, concatenated, are byte-identical to one uninterrupted run. cleanupFullSnapshot leaves expired
// entries out of the savepoint (CL2) on both backends.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildCliBeforeAll, example, recording, riffleOk, tempDir, writeIn, writeRecording } from './backend-cli-harness'
import { ALL_KINDS_JOB, stateRecording, TWO_STAGES_JOB } from './state-test-jobs'

buildCliBeforeAll()

type Backend = 'heap' | 'leveldb'
interface Piece { backend: Backend; stopAfter?: number; env?: Record<string, string> }

/** The whole run's --out in one go (heap). */
async function uninterrupted(job: string, rec: string, extra: string[] = []): Promise<string> {
  const dir = tempDir()
  await riffleOk([job, rec, '--out', join(dir, 'out.jsonl'), ...extra])
  return readFileSync(join(dir, 'out.jsonl'), 'utf8')
}

/**
 * Runs the recording in pieces: each piece resumes from the previous piece's savepoint on its own
 * backend (a fresh LevelDB state dir each time) and stops after a total of stopAfter records (or runs
 * to the end). Returns the pieces' outputs concatenated.
 */
async function inPieces(job: string, rec: string, pieces: Piece[], extra: string[] = []): Promise<string> {
  const dir = tempDir()
  let out = ''
  let previous: string | null = null
  for (const [i, p] of pieces.entries()) {
    const sp = join(dir, `sp${i}`)
    const args = [job, rec, '--out', join(dir, `out${i}.jsonl`), '--backend', p.backend, '--savepoint-out', sp, ...extra]
    if (p.backend === 'leveldb') args.push('--state-dir', join(dir, `state${i}`))
    if (p.stopAfter !== undefined) args.push('--stop-after', String(p.stopAfter))
    if (previous !== null) args.push('--from-savepoint', previous)
    await riffleOk(args, p.env)
    out += readFileSync(join(dir, `out${i}.jsonl`), 'utf8')
    previous = sp
  }
  return out
}

describe('a savepoint moves a run between backends with identical output', () => {
  /** sessionizer-fixed's uninterrupted run over clicks.jsonl, run once for the two tests that compare with it. */
  let fixedWhole: Promise<string> | undefined
  const fixedUninterrupted = (): Promise<string> => (fixedWhole ??= uninterrupted(example('sessionizer-fixed.ts'), recording('clicks.jsonl')))

  it('sessionizer-fixed over clicks.jsonl: heap → LevelDB at 20 000 records equals the uninterrupted run', async () => {
    const job = example('sessionizer-fixed.ts')
    const rec = recording('clicks.jsonl')
    const [whole, pieces] = await Promise.all([
      fixedUninterrupted(),
      inPieces(job, rec, [{ backend: 'heap', stopAfter: 20_000 }, { backend: 'leveldb' }]),
    ])
    expect(whole.split('\n').length).toBeGreaterThan(3000)
    expect(pieces === whole).toBe(true)
  })

  it('sessionizer-fixed over clicks.jsonl: LevelDB (16-entry cache) → heap at 31 337 records equals the uninterrupted run', async () => {
    const job = example('sessionizer-fixed.ts')
    const rec = recording('clicks.jsonl')
    const [whole, pieces] = await Promise.all([
      fixedUninterrupted(),
      inPieces(job, rec, [{ backend: 'leveldb', stopAfter: 31_337, env: { RIFFLE_LEVELDB_CACHE_ENTRIES: '16' } }, { backend: 'heap' }]),
    ])
    expect(pieces === whole).toBe(true)
  })

  it('every state kind with TTL, timers and side outputs: heap → LevelDB → heap → LevelDB equals the uninterrupted run', async () => {
    const dir = tempDir()
    const job = writeIn(dir, 'job.ts', ALL_KINDS_JOB)
    const rec = writeRecording(dir, 'rec.jsonl', stateRecording(21, 2400, 30))
    const [whole, pieces] = await Promise.all([
      uninterrupted(job, rec),
      inPieces(job, rec, [
        { backend: 'heap', stopAfter: 500 }, { backend: 'leveldb', stopAfter: 1111 },
        { backend: 'heap', stopAfter: 1800 }, { backend: 'leveldb' },
      ]),
    ])
    expect(whole).toContain('"tag":"big"')
    expect(pieces === whole).toBe(true)
  })

  it('two keyed stages with processing-time timers in manual mode: LevelDB → heap → LevelDB equals the uninterrupted run', async () => {
    const dir = tempDir()
    const job = writeIn(dir, 'job.ts', TWO_STAGES_JOB)
    const rec = writeRecording(dir, 'rec.jsonl', stateRecording(22, 2000, 25))
    const extra = ['--processing-time', 'manual', '--drain-processing-timers']
    const [whole, pieces] = await Promise.all([
      uninterrupted(job, rec, extra),
      inPieces(job, rec, [{ backend: 'leveldb', stopAfter: 700 }, { backend: 'heap', stopAfter: 1500 }, { backend: 'leveldb' }], extra),
    ])
    expect(whole).toContain('"region":"rt"')
    expect(pieces === whole).toBe(true)
  })

  it('the savepoint is backend-neutral: heap and LevelDB (16-entry cache) write the same tables, key and timer streams and engine data at the same record (CL3 cursors aside)', async () => {
    const dir = tempDir()
    const job = writeIn(dir, 'job.ts', ALL_KINDS_JOB)
    const rec = writeRecording(dir, 'rec.jsonl', stateRecording(23, 1500, 30))
    const common = [job, rec, '--stop-after', '1000', '--out', join(dir, 'o.jsonl')]
    await Promise.all([
      riffleOk([...common, '--savepoint-out', join(dir, 'sp-heap')]),
      riffleOk([...common, '--savepoint-out', join(dir, 'sp-leveldb'), '--backend', 'leveldb', '--state-dir', join(dir, 'state')], { RIFFLE_LEVELDB_CACHE_ENTRIES: '16' }),
    ])
    const files = (sp: string): string[] => ['engine.json', ...['tables', 'streams'].flatMap((d) => readdirSync(join(sp, d)).map((f) => `${d}/${f}`))]
    expect(files(join(dir, 'sp-leveldb'))).toEqual(files(join(dir, 'sp-heap')))
    // six state tables, and the keyed operator's keys, event-time and processing-time timers as streams
    expect(files(join(dir, 'sp-heap')).length).toBe(1 + 6 + 3)
    for (const f of files(join(dir, 'sp-heap')).filter((f) => f !== 'engine.json')) {
      expect(readFileSync(join(dir, 'sp-leveldb', f), 'utf8') === readFileSync(join(dir, 'sp-heap', f), 'utf8'), f).toBe(true)
    }
    // engine.json is the same but for where CL3 cursors stand: LevelDB's background sweep (CL4, like
    // RocksDB's compaction filter) removes expired NeverReturnExpired entries the heap still stores, so
    // "the next stored key" of a cursor can differ, depending on when the run flushed. The job cannot
    // see the difference (the switch tests above resume from both and get identical output).
    const engine = (sp: string): { snapshot: { nodes: Array<{ keyed?: { cleanup?: Record<string, unknown> } }> } } =>
      JSON.parse(readFileSync(join(dir, sp, 'engine.json'), 'utf8'))
    const [l, h] = [engine('sp-leveldb'), engine('sp-heap')]
    const cursors = (e: typeof l): Array<string[]> => e.snapshot.nodes.map((n) => Object.keys(n.keyed?.cleanup ?? {}))
    expect(cursors(l)).toEqual(cursors(h))
    expect(cursors(h).flat().length).toBeGreaterThan(0)
    for (const e of [l, h]) for (const n of e.snapshot.nodes) if (n.keyed) delete n.keyed.cleanup
    expect(l).toEqual(h)
  })

  it('stopping after 0 records, and after more records than the recording has, still continues exactly', async () => {
    const job = example('failed-logins.ts')
    const rec = recording('logins.jsonl')
    const [whole, fromZero, pastEnd] = await Promise.all([
      uninterrupted(job, rec),
      inPieces(job, rec, [{ backend: 'leveldb', stopAfter: 0 }, { backend: 'heap' }]),
      inPieces(job, rec, [{ backend: 'heap', stopAfter: 999_999 }, { backend: 'leveldb' }]),
    ])
    expect(whole).toContain('"tag":"alerts"')
    expect(fromZero === whole).toBe(true)
    // The first piece ran to the end: the second one, from its savepoint, adds nothing.
    expect(pastEnd === whole).toBe(true)
  })
})

/**
 * CL2 job: two TTL'd values, one with cleanupFullSnapshot and one without (background cleanup off, so
 * only a savepoint can drop anything). Processing time is manual: keys a, b are written at 1 000 ms
 * and c at 5 000 ms; at 12 000 ms (TTL 10 s) a and b are expired, c is not; d is written then.
 */
const CL2_JOB = `import { KeyedProcessFunction, ValueStateDescriptor, StateTtlConfig, Time, Types } from 'riffle'
class Keep extends KeyedProcessFunction<string, { k: string }, string> {
  full: any; plain: any
  open(ctx: any) {
    const full = new ValueStateDescriptor('full', Types.STRING)
    full.enableTimeToLive(StateTtlConfig.newBuilder(Time.seconds(10)).cleanupFullSnapshot().disableCleanupInBackground().build())
    const plain = new ValueStateDescriptor('plain', Types.STRING)
    plain.enableTimeToLive(StateTtlConfig.newBuilder(Time.seconds(10)).disableCleanupInBackground().build())
    this.full = ctx.getState(full)
    this.plain = ctx.getState(plain)
  }
  processElement(e: { k: string }, ctx: any, out: any) {
    out.collect(e.k + ':' + this.full.value() + ':' + this.plain.value())
    this.full.update(e.k)
    this.plain.update(e.k)
  }
}
export default (env: any) => env.fromRecording().keyBy((e: { k: string }) => e.k).process(new Keep()).uid('keep')
`
const CL2_RECORDING = [
  { $processingTime: 1000 }, { k: 'a' }, { k: 'b' }, { $processingTime: 5000 }, { k: 'c' },
  { $processingTime: 12000 }, { k: 'd' }, { k: 'a' }, { k: 'c' },
]

/** The savepoint's table file for a state name, as [key, value] lines. */
function tableEntries(sp: string, stateName: string): Array<[string, { v: unknown; t: number }]> {
  const manifest = JSON.parse(readFileSync(join(sp, 'manifest.json'), 'utf8')) as { tables: Array<{ file: string; meta: { stateName: string }; records: number }> }
  const t = manifest.tables.find((x) => x.meta.stateName === stateName)
  if (t === undefined) throw new Error(`no table ${stateName} in ${sp}`)
  const lines = readFileSync(join(sp, t.file), 'utf8').split('\n').filter((l) => l !== '')
  expect(lines.length).toBe(t.records)
  return lines.map((l) => JSON.parse(l) as [string, { v: unknown; t: number }])
}

describe('cleanupFullSnapshot leaves expired entries out of savepoints (CL2)', () => {
  for (const backend of ['heap', 'leveldb'] as const) {
    it(`on ${backend}: the savepoint's table holds only unexpired entries; the state without it keeps all; resuming matches`, async () => {
      const dir = tempDir()
      const job = writeIn(dir, 'job.ts', CL2_JOB)
      const rec = writeRecording(dir, 'rec.jsonl', CL2_RECORDING)
      const sp = join(dir, 'sp')
      const args = [job, rec, '--processing-time', 'manual', '--backend', backend, '--stop-after', '4', '--savepoint-out', sp, '--out', join(dir, 'a.jsonl')]
      if (backend === 'leveldb') args.push('--state-dir', join(dir, 'state'))
      await riffleOk(args)
      expect(readdirSync(join(sp, 'tables')).length).toBe(2)
      // Keys are canonical JSON strings; values carry their TTL stamp {v, t} (docs/savepoint-format.md).
      expect(tableEntries(sp, 'full')).toEqual([['"c"', { v: 'c', t: 5000 }], ['"d"', { v: 'd', t: 12000 }]])
      expect(tableEntries(sp, 'plain').map(([k, v]) => [k, v.t])).toEqual([['"a"', 1000], ['"b"', 1000], ['"c"', 5000], ['"d"', 12000]])
      // The live state was not touched (CL2 "local state is not touched"): a run that carries on reads
      // nothing expired either way, so the continued output equals the uninterrupted one.
      const other: Backend = backend === 'heap' ? 'leveldb' : 'heap'
      const resumeArgs = [job, rec, '--processing-time', 'manual', '--backend', other, '--from-savepoint', sp, '--out', join(dir, 'b.jsonl')]
      if (other === 'leveldb') resumeArgs.push('--state-dir', join(dir, 'state2'))
      await riffleOk(resumeArgs)
      const whole = await uninterrupted(job, rec, ['--processing-time', 'manual'])
      const pieces = readFileSync(join(dir, 'a.jsonl'), 'utf8') + readFileSync(join(dir, 'b.jsonl'), 'utf8')
      expect(pieces).toBe(whole)
      expect(whole.split('\n').slice(4, 6)).toEqual(['{"value":"a:null:null","timestamp":null}', '{"value":"c:c:c","timestamp":null}'])
    })
  }
})
