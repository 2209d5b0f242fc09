// Refused savepoints through the command line: a damaged, truncated, half-written or foreign savepoint
// is refused with exit 2 and SAVEPOINT_INVALID naming the flaw, before anything is loaded (the LevelDB
// state dir keeps what it held, --out stays empty); leftovers of an interrupted write are recovered.
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { LevelDbStateBackend } from '../../../src-main/engine/state/leveldb/leveldb-backend'
import { buildCliBeforeAll, example, recording, riffle, riffleOk, tempDir } from './backend-cli-harness'

buildCliBeforeAll()

const JOB = example('sessionizer-fixed.ts')
const REC = recording('clicks.jsonl')
let base: string
let good: string
let whole: string
let firstPart: string
/** A LevelDB state dir a run left after 5,000 records of REC, and its dump: each refusal runs on a copy of it. */
let heldState: string
let heldDump: string[]

beforeAll(async () => {
  base = tempDir()
  good = join(base, 'good')
  await riffleOk([JOB, REC, '--stop-after', '20000', '--savepoint-out', good, '--out', join(base, 'first.jsonl')])
  firstPart = readFileSync(join(base, 'first.jsonl'), 'utf8')
  await riffleOk([JOB, REC, '--out', join(base, 'whole.jsonl')])
  whole = readFileSync(join(base, 'whole.jsonl'), 'utf8')
  heldState = join(base, 'held-state')
  await riffleOk([JOB, REC, '--backend', 'leveldb', '--state-dir', heldState, '--stop-after', '5000', '--out', join(base, 'pre.jsonl')])
  heldDump = await dumpStateDir(heldState)
})

/** A copy of the good savepoint to damage. */
function copyOfGood(): string {
  const sp = join(tempDir(), 'sp')
  cpSync(good, sp, { recursive: true })
  return sp
}

function manifestOf(sp: string): { tables: Array<{ file: string; records: number }>; totalRecords: number } {
  return JSON.parse(readFileSync(join(sp, 'manifest.json'), 'utf8')) as { tables: Array<{ file: string; records: number }>; totalRecords: number }
}

/** Dumps a LevelDB state dir (sorted JSON lines), to compare before and after a refused resume. */
async function dumpStateDir(dir: string): Promise<string[]> {
  const b = await LevelDbStateBackend.open({ dir })
  try {
    return (await b.dump()).flatMap((t) => t.entries.map((e) => JSON.stringify([t.meta, e]))).sort()
  } finally {
    await b.close()
  }
}

/**
 * Resumes from sp on LevelDB over a state dir that holds a finished run's state (a copy of heldState, made once
 * for the file rather than by a run per test); expects a refusal.
 */
async function expectRefused(sp: string, reason: RegExp, rec = REC): Promise<void> {
  const dir = tempDir()
  const state = join(dir, 'state')
  cpSync(heldState, state, { recursive: true })
  const before = heldDump
  expect(before.length).toBeGreaterThan(100)
  const out = join(dir, 'out.jsonl')
  const r = await riffle([JOB, rec, '--backend', 'leveldb', '--state-dir', state, '--from-savepoint', sp, '--out', out])
  expect(r.code).toBe(2)
  const line = r.stderr.trim().split('\n')[0]
  expect(line).toMatch(/^riffle: SAVEPOINT_INVALID: /)
  expect(line).toMatch(reason)
  // Never half-loaded: nothing written to --out, the state dir holds exactly what it held.
  expect(existsSync(out) ? readFileSync(out, 'utf8') : '').toBe('')
  expect(await dumpStateDir(state)).toEqual(before)
}

describe('a bad savepoint is refused with SAVEPOINT_INVALID and nothing is loaded', () => {
  it('the good savepoint itself resumes (so the refusals below are about the damage)', async () => {
    const dir = tempDir()
    await riffleOk([JOB, REC, '--backend', 'leveldb', '--state-dir', join(dir, 'state'), '--from-savepoint', copyOfGood(), '--out', join(dir, 'rest.jsonl')])
    expect(firstPart + readFileSync(join(dir, 'rest.jsonl'), 'utf8')).toBe(whole)
  })

  it('a truncated table file (the last table, so earlier tables read fine first)', async () => {
    const sp = copyOfGood()
    const m = manifestOf(sp)
    const last = join(sp, m.tables[m.tables.length - 1].file)
    truncateSync(last, statSync(last).size - 7)
    await expectRefused(sp, /tables\/000\d\.jsonl: \d+ bytes but the manifest says \d+ \(truncated\?\)/)
  })

  it('a table file damaged in place (same size, one byte changed)', async () => {
    const sp = copyOfGood()
    const file = join(sp, manifestOf(sp).tables[1].file)
    const buf = readFileSync(file)
    const i = buf.indexOf(0x35) // a '5' somewhere in a number
    buf[i] = 0x36
    writeFileSync(file, buf)
    await expectRefused(sp, /sha256 mismatch \(damaged\)/)
  })

  it('a half-written savepoint: tables written, no manifest yet', async () => {
    const sp = copyOfGood()
    rmSync(join(sp, 'manifest.json'))
    await expectRefused(sp, /manifest\.json: missing/)
  })

  it('an edited manifest (record count changed, checksum left as it was)', async () => {
    const sp = copyOfGood()
    const text = readFileSync(join(sp, 'manifest.json'), 'utf8')
    const m = manifestOf(sp)
    writeFileSync(join(sp, 'manifest.json'), text.replace(`"totalRecords": ${m.totalRecords}`, `"totalRecords": ${m.totalRecords + 1}`))
    await expectRefused(sp, /checksum mismatch/)
  })

  it('a missing engine.json (timers and positions gone)', async () => {
    const sp = copyOfGood()
    rmSync(join(sp, 'engine.json'))
    await expectRefused(sp, /engine\.json/)
  })

  it('a savepoint taken on a different recording', async () => {
    const other = join(tempDir(), 'clicks-other.jsonl')
    // Same events, one fewer: a different file that the job would happily run over.
    writeFileSync(other, readFileSync(REC, 'utf8').split('\n').slice(1).join('\n'))
    await expectRefused(copyOfGood(), /was taken on clicks\.jsonl \(\d+ bytes\), not on .*clicks-other\.jsonl/, other)
  })

  it('a savepoint taken on a recording of the same size but other content', async () => {
    const other = join(tempDir(), 'clicks.jsonl')
    // Same length, same line structure: only user ids differ (u0 -> u9 in the first and last lines).
    const lines = readFileSync(REC, 'utf8').split('\n')
    lines[0] = lines[0].replace('"u0', '"u9')
    lines[lines.length - 2] = lines[lines.length - 2].replace('"u0', '"u9')
    writeFileSync(other, lines.join('\n'))
    expect(statSync(other).size).toBe(statSync(REC).size)
    await expectRefused(copyOfGood(), /same size \(\d+ bytes\) but other content/, other)
  })

  it('a savepoint of a different job (another operator graph)', async () => {
    const dir = tempDir()
    const sp = join(dir, 'sp')
    await riffleOk([example('running-count.ts'), REC, '--stop-after', '100', '--savepoint-out', sp, '--out', join(dir, 'o.jsonl')])
    // Naming the savepoint, and both graphs' operators, so the user sees which job took it.
    await expectRefused(sp, new RegExp(`^riffle: SAVEPOINT_INVALID: ${sp}: the snapshot has 3 operators \\(0-source, 1-keyBy, 2-process\\) ` +
      'but the job has 4 \\(0-source, 1-assignTimestamps, 2-keyBy, 3-process\\): it was taken from a different job graph'))
  })

  it('a folder that does not exist', async () => {
    const r = await riffle([JOB, REC, '--from-savepoint', join(tempDir(), 'nope'), '--out', join(tempDir(), 'o.jsonl')])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^riffle: SAVEPOINT_INVALID: savepoint not found: /)
  })

  it('a file, such as the recording given by mistake', async () => {
    const r = await riffle([JOB, REC, '--from-savepoint', REC, '--out', join(tempDir(), 'o.jsonl')])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(`riffle: SAVEPOINT_INVALID: --from-savepoint ${REC}: a file, not a savepoint (a savepoint is the folder --savepoint-out wrote)\n`)
  })
})

describe('leftovers of an interrupted savepoint write', () => {
  it('a temporary sibling of a dead writer is ignored and removed; the savepoint next to it resumes', async () => {
    const sp = copyOfGood()
    // What a writer killed mid-write leaves: .NAME.tmp-PID-RAND with part of the tables and no manifest.
    const tmp = join(sp, '..', '.sp.tmp-999999-deadbeef')
    mkdirSync(join(tmp, 'tables'), { recursive: true })
    writeFileSync(join(tmp, 'tables', '0000.jsonl'), '["\\"u1\\"", 1]\n["\\"u2')
    const dir = tempDir()
    await riffleOk([JOB, REC, '--from-savepoint', sp, '--out', join(dir, 'rest.jsonl')])
    expect(firstPart + readFileSync(join(dir, 'rest.jsonl'), 'utf8')).toBe(whole)
    expect(existsSync(tmp)).toBe(false)
  })

  it('a crash between the two renames (old savepoint renamed aside, new one not in place) is put back', async () => {
    const sp = copyOfGood()
    renameSync(sp, join(sp, '..', '.sp.old-999999-cafef00d'))
    const dir = tempDir()
    await riffleOk([JOB, REC, '--backend', 'leveldb', '--state-dir', join(dir, 'state'), '--from-savepoint', sp, '--out', join(dir, 'rest.jsonl')])
    expect(firstPart + readFileSync(join(dir, 'rest.jsonl'), 'utf8')).toBe(whole)
    expect(existsSync(join(sp, 'manifest.json'))).toBe(true)
  })
})

describe('a --savepoint-out that cannot be written is refused before the run', () => {
  it('a non-empty folder that is not a savepoint, a file, a path through a file: exit 2, BAD_ARGUMENT, nothing replaced', async () => {
    const d = tempDir()
    const notSavepoint = join(d, 'notes')
    mkdirSync(notSavepoint)
    writeFileSync(join(notSavepoint, 'keep.txt'), 'mine')
    const file = join(d, 'file.txt')
    writeFileSync(file, 'x')
    for (const [target, reason] of [
      [notSavepoint, /exists and is not a savepoint \(no manifest\.json\); refusing to replace it/],
      [file, /exists and is not a folder/],
      [join(file, 'sp'), /file\.txt is not a folder/],
    ] as const) {
      const out = join(d, 'o.jsonl')
      const r = await riffle([JOB, REC, '--savepoint-out', target, '--out', out])
      expect(r.code).toBe(2)
      expect(r.stderr.split('\n')[0]).toMatch(/^riffle: BAD_ARGUMENT: --savepoint-out: /)
      expect(r.stderr.split('\n')[0]).toMatch(reason)
      expect(existsSync(out)).toBe(false)
    }
    expect(readFileSync(join(notSavepoint, 'keep.txt'), 'utf8')).toBe('mine')
  })

  it('the --state-dir itself, or a folder inside it or around it: exit 2 before the run, not SAVEPOINT_WRITE_FAILED after it', async () => {
    // The run went to its end, then failed (exit 3, "check the folder and its disk") because LevelDB had filled the folder.
    const d = tempDir()
    for (const [state, sp] of [[join(d, 'a'), join(d, 'a')], [join(d, 'b', 'state'), join(d, 'b')], [join(d, 'c'), join(d, 'c', 'sp')]]) {
      const out = join(d, 'o.jsonl')
      const r = await riffle([JOB, REC, '--backend', 'leveldb', '--state-dir', state, '--savepoint-out', sp, '--out', out])
      expect(r.code, r.stderr).toBe(2)
      expect(r.stderr).toBe(`riffle: BAD_ARGUMENT: --savepoint-out ${sp} and --state-dir ${state} overlap: the savepoint must be a folder of its own, outside the state directory\n`)
      expect(existsSync(out)).toBe(false)
    }
  })

  it('an existing savepoint and a folder still to be created are fine targets', async () => {
    const sp = copyOfGood()
    const d = tempDir()
    await riffleOk([JOB, REC, '--stop-after', '100', '--savepoint-out', sp, '--out', join(d, 'a.jsonl')])
    // Made in a folder that exists; its missing parents are not made (missing-parent-folders.test.ts).
    await riffleOk([JOB, REC, '--stop-after', '100', '--savepoint-out', join(d, 'sp'), '--out', join(d, 'b.jsonl')])
    expect(readFileSync(join(sp, 'manifest.json')).equals(readFileSync(join(d, 'sp', 'manifest.json')))).toBe(true)
  })
})
