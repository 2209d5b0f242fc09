// Writes that fail part-way (docs/command-line.md): each ends the run with exit 3 and a code of its own, never as
// the job's error or INTERNAL, with a message that says what to do, and loses nothing written before:
// --out on a full disk (/dev/full, a 1 MB tmpfs), --out into a pipe whose reader exits, LevelDB state
// and a savepoint on a full disk. The tmpfs cases need `mount` (root): they skip, saying so, without it.
import { spawn, spawnSync } from 'node:child_process'
import { createReadStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/run-inline'

const root = join(__dirname, '../../..')
const JOB = join(root, 'examples/running-count.ts')
const REC = join(root, 'recordings/clicks.jsonl') // 50 000 clicks: about 2 MB of output
/** About 2 KB of state per user: 2 MB for the recording's 1 000 users. */
const BLOB_JOB = `import { KeyedProcessFunction, ValueStateDescriptor, Types } from 'riffle'
class Blob extends KeyedProcessFunction<string, any, unknown> {
  blob: any
  open(ctx: any) { this.blob = ctx.getState(new ValueStateDescriptor('blob', Types.STRING)) }
  processElement(e: any, ctx: any, out: any) {
    this.blob.update((this.blob.value() ?? '').slice(0, 1000) + e.page.repeat(40))
    out.collect(e.user_id)
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.user_id).process(new Blob())
`

function riffle(args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), 'run', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

let dir: string
let whole: string
const mounts: string[] = []
let mountRefused: string | null = null

/** A fresh 1 MB tmpfs (unmounted after the file's tests), or null when mounting is refused here. */
function smallDisk(name: string): string | null {
  const at = join(dir, name)
  mkdirSync(at)
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', at], { encoding: 'utf8' })
  if (r.status !== 0) {
    mountRefused = `mounting a 1 MB tmpfs was refused (${(r.stderr || r.error?.message || '').trim()})`
    return null
  }
  mounts.push(at)
  return at
}

beforeAll(() => {
  spawnSync(process.execPath, [join(root, 'bin/riffle-build.mjs')], { cwd: root })
  dir = tempDir()
  const out = join(dir, 'whole.jsonl')
  expect(riffle([JOB, REC, '--out', out]).code).toBe(0)
  whole = readFileSync(out, 'utf8')
}, 60_000)

afterAll(() => { for (const m of mounts.splice(0)) spawnSync('umount', [m]) })

/** No stack, no INTERNAL, no blame on the job's code. */
function expectNoBlame(stderr: string): void {
  expect(stderr).not.toMatch(/INTERNAL|JOB_THREW|\n\s+at /)
}

describe('--out whose writes fail part-way: exit 3, OUTPUT_WRITE_FAILED, nothing written before lost', () => {
  it('--out /dev/full', () => {
    const r = riffle([JOB, REC, '--out', '/dev/full'])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/^riffle: OUTPUT_WRITE_FAILED: no space left on the device of \/dev\/full \(ENOSPC\) after 0 output lines; free some space or write --out to another disk/)
    expectNoBlame(r.stderr)
  })

  it('--out on a full 1 MB tmpfs: OUT.partial holds the output up to the last whole line, the old OUT is untouched', (ctx) => {
    const disk = smallDisk('out-disk')
    if (disk === null) { ctx.skip(`skipped: ${mountRefused}`); return }
    const out = join(disk, 'out.jsonl')
    writeFileSync(out, 'old\n')
    const r = riffle([JOB, REC, '--out', out])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/^riffle: OUTPUT_WRITE_FAILED: no space left on the device of .*out\.jsonl \(ENOSPC\) after \d+ output lines/)
    expect(r.stderr).toContain(`are in ${out}.partial (${out} was not changed)`)
    expectNoBlame(r.stderr)
    expect(readFileSync(out, 'utf8')).toBe('old\n')
    const partial = readFileSync(`${out}.partial`, 'utf8')
    expect(partial.length).toBeGreaterThan(500_000)
    expect(partial.endsWith('\n')).toBe(true)
    expect(whole.startsWith(partial)).toBe(true)
  })

  it('--out into a named pipe whose reader exits after a few lines: what it read is the start of the output', async () => {
    const fifo = join(dir, 'out.fifo')
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0)
    const child = spawn(process.execPath, [join(root, 'bin/riffle.mjs'), 'run', JOB, REC, '--out', fifo], { cwd: root })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
    let read = ''
    await new Promise<void>((resolve) => {
      const reader = createReadStream(fifo, { encoding: 'utf8' })
      reader.on('data', (d) => {
        read += d
        if (read.split('\n').length > 5) { reader.destroy(); resolve() }
      })
    })
    expect(await exited).toBe(3)
    expect(stderr).toMatch(/^riffle: OUTPUT_WRITE_FAILED: the reader of .*out\.fifo closed the pipe \(EPIPE\) after \d+ output lines/)
    expectNoBlame(stderr)
    expect(whole.startsWith(read)).toBe(true)
  })
})

describe('state and savepoints on a full disk: exit 3 with their own code', () => {
  it('LevelDB --state-dir on a full 1 MB tmpfs: STATE_WRITE_FAILED (also when the job writes state after it), the output so far kept', (ctx) => {
    const disk = smallDisk('state-disk')
    if (disk === null) { ctx.skip(`skipped: ${mountRefused}`); return }
    const job = join(dir, 'blob.ts')
    writeFileSync(job, BLOB_JOB)
    const out = join(dir, 'blob-out.jsonl')
    // A small cache makes batches go to disk during the run: the failure reaches the job's next update().
    const r = riffle([job, REC, '--backend', 'leveldb', '--state-dir', join(disk, 'state'), '--out', out], { RIFFLE_LEVELDB_CACHE_ENTRIES: '64' })
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/^riffle: STATE_WRITE_FAILED: writing state to LevelDB in .*state failed: .*No space left on device; free space on that disk, or choose a --state-dir on another disk/)
    expectNoBlame(r.stderr)
    expect(r.stderr).toMatch(/the \d+ lines of output written before the failure are in .*blob-out\.jsonl\.partial/)
  })

  it('--savepoint-out on a full 1 MB tmpfs: SAVEPOINT_WRITE_FAILED, and no half-written savepoint is left', (ctx) => {
    const disk = smallDisk('savepoint-disk')
    if (disk === null) { ctx.skip(`skipped: ${mountRefused}`); return }
    const job = join(dir, 'blob.ts')
    writeFileSync(job, BLOB_JOB)
    const r = riffle([job, REC, '--savepoint-out', join(disk, 'sp')])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/^riffle: SAVEPOINT_WRITE_FAILED: cannot write savepoint .*sp: ENOSPC: no space left on device.*; free space on that disk or choose a savepoint folder on another disk/)
    expectNoBlame(r.stderr)
    expect(spawnSync('ls', ['-A', disk], { encoding: 'utf8' }).stdout).toBe('')
  })
})
