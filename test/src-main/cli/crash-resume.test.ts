// crash safety of LevelDB runs and savepoints, with real processes and kill -9. A run
// killed part-way resumes from the last savepoint (on the state dir it died holding) with final output
// identical to an uninterrupted run; a run killed while writing a savepoint leaves the previous one
// intact; a state dir held by another run is refused with STATE_LOCKED.
import { spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, watch } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { LevelDbStateBackend } from '../../../src-main/engine/state/leveldb/leveldb-backend'
import { buildCliBeforeAll, collect, example, outputBytes, outputTemps, riffle, riffleOk, ROOT, spawnRiffle, tempDir, writeIn, type CliResult } from './backend-cli-harness'

buildCliBeforeAll()

const SESSIONIZER = example('sessionizer-fixed.ts')
/** A job with a large state (a 2 KB value per user), so writing its savepoint takes a while. */
const BLOB_JOB = `import { KeyedProcessFunction, ValueStateDescriptor, Types } from 'riffle'
class Blob extends KeyedProcessFunction<string, any, unknown> {
  blob: any; count: any
  open(ctx: any) {
    this.blob = ctx.getState(new ValueStateDescriptor('blob', Types.STRING))
    this.count = ctx.getState(new ValueStateDescriptor('count', Types.LONG))
  }
  processElement(e: any, ctx: any, out: any) {
    if (this.blob.value() === null) this.blob.update((e.page + '|').repeat(2000 / (e.page.length + 1)))
    const c = (this.count.value() ?? 0) + 1
    this.count.update(c)
    if (c % 10 === 0) out.collect([e.user_id, c, this.blob.value().length])
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.user_id).process(new Blob()).uid('blob')
`

let dir: string
let big: string
let wholeSessions: string

beforeAll(async () => {
  dir = tempDir('riffle-crash-')
  big = join(dir, 'clicks-200k.jsonl')
  // 200 000 clicks of 20 000 users (14 MB): a LevelDB run takes seconds, long enough to kill part-way.
  const g = spawnSync(process.execPath, [join(ROOT, 'scripts/gen-recording.mjs'), '--events', '200000', '--users', '20000', '--seed', '5', '--out', big], { encoding: 'utf8' })
  if (g.status !== 0) throw new Error(`gen-recording failed: ${g.stderr}`)
  await riffleOk([SESSIONIZER, big, '--out', join(dir, 'whole.jsonl')])
  wholeSessions = readFileSync(join(dir, 'whole.jsonl'), 'utf8')
}, 120_000)

/** Kills the child with SIGKILL once cond() holds (checked every 5 ms); resolves with how it ended. */
function killWhen(child: ChildProcess, cond: () => boolean): Promise<CliResult> {
  const done = collect(child)
  const timer = setInterval(() => { if (cond()) child.kill('SIGKILL') }, 5)
  return done.finally(() => clearInterval(timer))
}

describe('a LevelDB run killed with SIGKILL resumes from the last savepoint', () => {
  it('killed part-way between two savepoints: resuming from the first gives output identical to an uninterrupted run', async () => {
    const d = tempDir()
    const sp = join(d, 'sp')
    const state = join(d, 'state')
    await riffleOk([SESSIONIZER, big, '--backend', 'leveldb', '--state-dir', state, '--stop-after', '60000', '--savepoint-out', sp, '--out', join(d, 'a.jsonl')])
    const manifest = readFileSync(join(sp, 'manifest.json'))

    // The next leg would stop at 160 000 and replace the savepoint; kill it once output is flowing.
    const killedOut = join(d, 'killed.jsonl')
    const child = spawnRiffle([SESSIONIZER, big, '--backend', 'leveldb', '--state-dir', state, '--from-savepoint', sp,
      '--stop-after', '160000', '--savepoint-out', sp, '--out', killedOut])
    const killed = await killWhen(child, () => outputBytes(killedOut) >= 128 * 1024)
    expect(killed.signal, `the run ended before it was killed:\n${killed.stderr}`).toBe('SIGKILL')
    expect(readFileSync(join(sp, 'manifest.json')).equals(manifest)).toBe(true)
    // Killed before it succeeded: the output so far is in its temporary file, killed.jsonl was never made.
    expect(existsSync(killedOut)).toBe(false)
    expect(outputTemps(killedOut)).toHaveLength(1)

    // Resume on the very state dir the dead run held: its lock went with it, its state is replaced. The
    // same --out keeps the dead run's output as killed.jsonl.partial.
    await riffleOk([SESSIONIZER, big, '--backend', 'leveldb', '--state-dir', state, '--from-savepoint', sp, '--out', killedOut])
    const first = readFileSync(join(d, 'a.jsonl'), 'utf8')
    const rest = readFileSync(killedOut, 'utf8')
    expect(first + rest === wholeSessions).toBe(true)
    expect(outputTemps(killedOut)).toEqual([])
    // The dead run had computed the same records as far as it got (determinism of the replay).
    const partial = readFileSync(`${killedOut}.partial`, 'utf8')
    expect(partial.length).toBeGreaterThan(0)
    expect(rest.startsWith(partial)).toBe(true)
  })

  it('killed while writing a savepoint: the previous savepoint is intact and resumes exactly', async () => {
    const d = tempDir()
    const job = writeIn(d, 'blob.ts', BLOB_JOB)
    const sp = join(d, 'sp')
    await riffleOk([job, big, '--stop-after', '20000', '--savepoint-out', sp, '--out', join(d, 'a.jsonl')])
    const manifest = readFileSync(join(sp, 'manifest.json'))

    const child = spawnRiffle([job, big, '--backend', 'leveldb', '--state-dir', join(d, 'state'), '--from-savepoint', sp, '--savepoint-out', sp, '--out', join(d, 'killed.jsonl')])
    const tmpPrefix = `.sp.tmp-${child.pid}-`
    let sawTmp: string | null = null
    const onTmp = (): boolean => {
      if (sawTmp === null) sawTmp = readdirSync(d).find((n) => n.startsWith(tmpPrefix)) ?? null
      return sawTmp !== null
    }
    // Watch the folder for the writer's temporary sibling and kill the moment it appears.
    const watcher = watch(d, (_ev, name) => { if (name?.startsWith(tmpPrefix)) { sawTmp = name; child.kill('SIGKILL') } })
    const killed = await killWhen(child, onTmp).finally(() => watcher.close())
    expect(killed.signal, `the run was not killed while writing its savepoint:\n${killed.stderr}`).toBe('SIGKILL')
    expect(sawTmp).not.toBeNull()
    expect(readFileSync(join(sp, 'manifest.json')).equals(manifest)).toBe(true)

    await riffleOk([job, big, '--from-savepoint', sp, '--out', join(d, 'c.jsonl')])
    const whole = join(d, 'whole.jsonl')
    await riffleOk([job, big, '--out', whole])
    expect(readFileSync(join(d, 'a.jsonl'), 'utf8') + readFileSync(join(d, 'c.jsonl'), 'utf8') === readFileSync(whole, 'utf8')).toBe(true)
    // Reading the savepoint cleared the dead writer's leftover.
    expect(readdirSync(d).filter((n) => n.startsWith('.sp.tmp-'))).toEqual([])
  })
})

describe('one run per state dir (STATE_LOCKED)', () => {
  it('a state dir held open elsewhere is refused with exit 2 and STATE_LOCKED naming the dir; free again once closed', async () => {
    const d = tempDir()
    const state = join(d, 'state')
    const held = await LevelDbStateBackend.open({ dir: state })
    let r: CliResult
    try {
      r = await riffle([SESSIONIZER, join(ROOT, 'recordings/clicks-small.jsonl'), '--backend', 'leveldb', '--state-dir', state, '--out', join(d, 'o.jsonl')])
    } finally {
      await held.close()
    }
    expect(r.code).toBe(2)
    expect(r.stderr.split('\n')[0]).toBe(`riffle: STATE_LOCKED: state directory ${state} is in use by another run (LevelDB lock held); wait for that run to finish or choose another --state-dir`)
    await riffleOk([SESSIONIZER, join(ROOT, 'recordings/clicks-small.jsonl'), '--backend', 'leveldb', '--state-dir', state, '--out', join(d, 'o.jsonl')])
  })

  it('a second run on the state dir of a running one gets STATE_LOCKED; the first finishes undisturbed', async () => {
    const d = tempDir()
    const state = join(d, 'state')
    const firstOut = join(d, 'first.jsonl')
    let firstEnded = false
    const first = collect(spawnRiffle([SESSIONIZER, big, '--backend', 'leveldb', '--state-dir', state, '--out', firstOut]))
    void first.then(() => { firstEnded = true })
    // Output flowing means the first run is mid-way and holds the lock.
    while (outputBytes(firstOut) === 0 && !firstEnded) await new Promise((res) => setTimeout(res, 10))
    expect(firstEnded).toBe(false)
    const second = await riffle([SESSIONIZER, big, '--backend', 'leveldb', '--state-dir', state, '--out', join(d, 'second.jsonl')])
    expect(second.code).toBe(2)
    expect(second.stderr).toMatch(/^riffle: STATE_LOCKED: state directory .* is in use by another run/)
    const r = await first
    expect(r.code, r.stderr).toBe(0)
    expect(readFileSync(firstOut, 'utf8') === wholeSessions).toBe(true)
  })
})
