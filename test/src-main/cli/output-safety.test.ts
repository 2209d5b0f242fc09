// `--out` keeps what the job emitted and never destroys the user's files (docs/command-line.md): an output path
// that is an input is refused; a regular file is replaced only when the run succeeds, and whatever ends
// the run (a throw, the watchdog, process.exit in job code, the worker out of memory) the lines emitted
// before it are in OUT.partial with the old OUT untouched, or on the stream for '-'.
import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { RIFFLE, writeCase } from '../helpers/run-inline'

const root = join(__dirname, '../../..')
beforeAll(() => { spawnSync(process.execPath, [join(root, 'bin/riffle-build.mjs')], { cwd: root }) })

function riffle(args: string[], nodeFlags: string[] = [], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...nodeFlags, join(root, 'bin/riffle.mjs'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** Emits {n} for every record; on the 33rd does what MODE says (after emitting it). */
const DYING_JOB = `${RIFFLE}class C extends KeyedProcessFunction<any, any, any> {
  n = 0
  processElement(e: any, ctx: any, out: any) {
    this.n++
    out.collect({ n: this.n })
    if (this.n !== 33) return
    const mode = process.env.MODE
    if (mode === 'throw') throw new Error('boom at 33')
    if (mode === 'spin') for (;;) { /* the watchdog stops it */ }
    if (mode === 'exit') process.exit(7)
    if (mode === 'oom') { const hog: unknown[] = []; for (;;) hog.push(new Array(100_000).fill(this.n)) }
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new C())
`
const LINES = Array.from({ length: 40 }, (_, i) => ({ k: `k${i % 3}` }))
const first = (n: number): string => Array.from({ length: n }, (_, i) => `{"value":{"n":${i + 1}},"timestamp":null}\n`).join('')

describe('--out that is an input is refused (exit 2), and the input is untouched', () => {
  it('the recording, the job, a symlink or a hard link to the recording, a file inside --state-dir', () => {
    const c = writeCase(DYING_JOB, LINES)
    const recBefore = readFileSync(c.recordingPath, 'utf8')
    const jobBefore = readFileSync(c.jobPath, 'utf8')
    symlinkSync(c.recordingPath, join(c.dir, 'link.jsonl'))
    linkSync(c.recordingPath, join(c.dir, 'hard.jsonl'))
    const state = join(c.dir, 'state')
    const cases: Array<[string[], RegExp]> = [
      [['--out', c.recordingPath], /--out .* is the recording/],
      [['--out', c.jobPath], /--out .* is the job/],
      [['--out', join(c.dir, 'link.jsonl')], /is the recording/],
      [['--out', join(c.dir, 'hard.jsonl')], /is the recording/],
      [['--backend', 'leveldb', '--state-dir', state, '--out', join(state, 'out.jsonl')], /--out .* is inside the state directory/],
    ]
    mkdirSync(state)
    for (const [args, message] of cases) {
      const r = riffle(['run', c.jobPath, c.recordingPath, ...args])
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toMatch(/^riffle: BAD_ARGUMENT: /)
      expect(r.stderr).toMatch(message)
    }
    expect(readFileSync(c.recordingPath, 'utf8')).toBe(recBefore)
    expect(readFileSync(c.jobPath, 'utf8')).toBe(jobBefore)
    expect(readdirSync(state)).toEqual([])
  })

  it('the recording given as standard input redirected from it (riffle run JOB - --out REC < REC)', () => {
    // The recording was replaced by the output, exit 0: the guard compared --out with the copy of standard input.
    const c = writeCase(DYING_JOB, LINES)
    const recBefore = readFileSync(c.recordingPath, 'utf8')
    const r = spawnSync('bash', ['-c', 'node bin/riffle.mjs run "$1" - --out "$2" < "$2"', 'riffle', c.jobPath, c.recordingPath], { cwd: root, encoding: 'utf8', timeout: 60_000 })
    expect(r.status, r.stderr).toBe(2)
    expect(r.stderr).toMatch(/^riffle: BAD_ARGUMENT: --out .* is the recording, which standard input reads .*writing it would destroy it/)
    expect(readFileSync(c.recordingPath, 'utf8')).toBe(recBefore)
    // A pipe from it is not the file itself; the copy keeps the recording safe, and the run is the user's to make.
    const piped = spawnSync('bash', ['-c', 'cat "$2" | node bin/riffle.mjs run "$1" - --out "$3"', 'riffle', c.jobPath, c.recordingPath, join(c.dir, 'o.jsonl')], { cwd: root, encoding: 'utf8', timeout: 60_000 })
    expect(piped.stderr).not.toContain('is the recording')
  })

  it('riffle test: --expect REC --update, and an --out that is the golden file', () => {
    const c = writeCase(DYING_JOB, LINES)
    const recBefore = readFileSync(c.recordingPath, 'utf8')
    const update = riffle(['test', c.jobPath, c.recordingPath, '--expect', c.recordingPath, '--update'])
    expect(update.code).toBe(2)
    expect(update.stderr).toMatch(/^riffle: BAD_ARGUMENT: --expect .* is the recording/)
    expect(readFileSync(c.recordingPath, 'utf8')).toBe(recBefore)
    const golden = join(c.dir, 'golden.jsonl')
    writeFileSync(golden, 'not what the job emits\n')
    const same = riffle(['test', c.jobPath, c.recordingPath, '--expect', golden, '--out', golden])
    expect(same.code).toBe(2)
    expect(same.stderr).toMatch(/--out .* is the golden file of --expect/)
    expect(readFileSync(golden, 'utf8')).toBe('not what the job emits\n')
  })
})

describe('a regular-file --out is replaced only when the run succeeds', () => {
  it('success: OUT replaced in one rename, with its permissions, and no temporary file left', () => {
    const c = writeCase(DYING_JOB, LINES)
    const out = join(c.dir, 'out.jsonl')
    writeFileSync(out, 'old\n')
    chmodSync(out, 0o640)
    const r = riffle(['run', c.jobPath, c.recordingPath, '--out', out])
    expect(r.code, r.stderr).toBe(0)
    expect(readFileSync(out, 'utf8')).toBe(first(40))
    expect(statSync(out).mode & 0o777).toBe(0o640)
    expect(readdirSync(c.dir).filter((n) => n.includes('.tmp-') || n.endsWith('.partial'))).toEqual([])
  })

  // Each way a run can end early: its code, exit status, and the 33 lines emitted before it.
  const endings: Array<[string, string, number, string[]]> = [
    ['throw', 'JOB_THREW', 1, []],
    ['spin', 'JOB_TIMEOUT', 1, []],
    ['exit', 'WORKER_DIED', 3, []],
    ['oom', 'WORKER_OUT_OF_MEMORY', 3, ['--max-old-space-size=96']],
  ]
  for (const [mode, code, status, nodeFlags] of endings) {
    it(`${code}: the 33 lines emitted before it are in OUT.partial, named in the error; the old OUT is untouched`, () => {
      const c = writeCase(DYING_JOB, LINES)
      const out = join(c.dir, 'out.jsonl')
      writeFileSync(out, 'old\n')
      // A short watchdog keeps the spin case quick; the others get a long one, since filling the heap can take
      // more than a second on a busy machine and would then end as JOB_TIMEOUT instead.
      const watchdog = mode === 'spin' ? '1000' : '60000'
      const r = riffle(['run', c.jobPath, c.recordingPath, '--out', out, '--watchdog-ms', watchdog], nodeFlags, { MODE: mode })
      expect(r.code, r.stderr).toBe(status)
      expect(r.stderr).toMatch(new RegExp(`^riffle: ${code}: `))
      // Every ending names the record it was processing (a worker that died or ran out of memory too).
      expect(r.stderr).toContain(`while processing ${c.recordingPath}:33`)
      expect(r.stderr).toContain(`the 33 lines of output written before the failure are in ${out}.partial (${out} was not changed)`)
      expect(readFileSync(out, 'utf8')).toBe('old\n')
      expect(readFileSync(`${out}.partial`, 'utf8')).toBe(first(33))
      expect(readdirSync(c.dir).filter((n) => n.includes('.tmp-'))).toEqual([])
    })
  }

  it('a failure before any output leaves no empty OUT.partial: an earlier failed run\'s partial and OUT stay as they were', () => {
    const c = writeCase(DYING_JOB, LINES)
    const out = join(c.dir, 'out.jsonl')
    writeFileSync(out, 'old\n')
    writeFileSync(`${out}.partial`, 'kept from an earlier run\n')
    const bad = join(c.dir, 'bad.jsonl')
    writeFileSync(bad, 'not json\n')
    for (const p of ['1', '2']) {
      const r = riffle(['run', c.jobPath, bad, '--out', out, '--parallelism', p])
      expect(r.code, r.stderr).toBe(2)
      expect(r.stderr).toContain(`no output was written before the failure (${out} was not changed)`)
      expect(r.stderr).not.toContain('.partial')
      expect(readFileSync(out, 'utf8')).toBe('old\n')
      expect(readFileSync(`${out}.partial`, 'utf8')).toBe('kept from an earlier run\n')
      expect(readdirSync(c.dir).filter((n) => n.includes('.tmp-'))).toEqual([])
    }
  })

  it('--out - (a pipe): the watchdog stops the job, and the 33 lines before it are on the stream', () => {
    const c = writeCase(DYING_JOB, LINES)
    const r = riffle(['run', c.jobPath, c.recordingPath, '--out', '-', '--watchdog-ms', '500'], [], { MODE: 'spin' })
    expect(r.code).toBe(1)
    expect(r.stdout).toBe(first(33))
    expect(r.stderr).toContain('the 33 lines of output before the failure were written to standard output')
  })

  it('a run killed before it could keep its output: the next run to the same --out keeps it as OUT.partial', () => {
    const c = writeCase(DYING_JOB, LINES)
    const out = join(c.dir, 'out.jsonl')
    // What a run killed with kill -9 leaves: its temporary sibling, named with a pid that is gone.
    writeFileSync(join(c.dir, '.out.jsonl.tmp-999999999-abcd'), first(5))
    expect(riffle(['run', c.jobPath, c.recordingPath, '--out', out]).code).toBe(0)
    expect(readFileSync(`${out}.partial`, 'utf8')).toBe(first(5))
    expect(readFileSync(out, 'utf8')).toBe(first(40))
    expect(existsSync(join(c.dir, '.out.jsonl.tmp-999999999-abcd'))).toBe(false)
  })
})

describe('a slow reader of --out', () => {
  it('is not the job hanging: a reader that pauses longer than the watchdog still gets all the output, exit 0', async () => {
    const job = `${RIFFLE}class C extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) { out.collect({ k: e.k, pad: 'x'.repeat(200) }) }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new C())
`
    // 30 000 lines of about 240 bytes: more than the pipe and the output ring hold together.
    const c = writeCase(job, Array.from({ length: 30_000 }, (_, i) => ({ k: i % 100 })))
    const child = spawn(process.execPath, [join(root, 'bin/riffle.mjs'), 'run', c.jobPath, c.recordingPath, '--out', '-', '--watchdog-ms', '300'], { cwd: root })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
    child.stdout.pause()
    await new Promise((res) => setTimeout(res, 2000)) // the job blocks on the full ring meanwhile
    let bytes = 0
    let lines = 0
    child.stdout.on('data', (d: Buffer) => { bytes += d.length; for (const b of d) if (b === 10) lines++ })
    child.stdout.resume()
    const code = await new Promise<number | null>((resolve) => child.on('close', (c2) => resolve(c2)))
    expect(stderr).not.toContain('JOB_TIMEOUT')
    expect(code, stderr).toBe(0)
    expect(lines).toBe(30_000)
    expect(bytes).toBeGreaterThan(6_000_000)
  }, 60_000)
})

describe('a job that emits without end into --out FILE', () => {
  it('is stopped by the watchdog: waiting for the file to be written pauses its clock instead of restarting it', async () => {
    const job = `${RIFFLE}class C extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) { const s = 'x'.repeat(4000); for (;;) out.collect(s) }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new C())
`
    const c = writeCase(job, LINES.slice(0, 3))
    const out = join(c.dir, 'endless.jsonl')
    const child = spawn(process.execPath, [join(root, 'bin/riffle.mjs'), 'run', c.jobPath, c.recordingPath, '--out', out, '--watchdog-ms', '500'], { cwd: root })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
    // Before, every wait for the owner to write counted as the job's progress: it ran until the disk was full.
    const killer = setTimeout(() => child.kill('SIGKILL'), 40_000)
    const code = await new Promise<number | null>((resolve) => child.on('close', (c2) => resolve(c2)))
    clearTimeout(killer)
    expect(code, stderr).toBe(1)
    expect(stderr).toContain('JOB_TIMEOUT')
    expect(existsSync(`${out}.partial`)).toBe(true)
  }, 60_000)
})

describe("what the job prints goes to standard error, so --out - carries only the job's records", () => {
  it('a TypeScript job\'s console.log/warn/error and a Python job\'s print() and sys.stderr', () => {
    const ts = writeCase(`${RIFFLE}class C extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) { console.log('saw', e.k); console.error('err', e.k); out.collect({ k: e.k }) }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new C())
`, LINES.slice(0, 3))
    const py = join(ts.dir, 'job.py')
    writeFileSync(py, `import sys
from pyflink.datastream import KeyedProcessFunction


class C(KeyedProcessFunction):
    def process_element(self, value, ctx):
        print("saw", value["k"])
        print("err", value["k"], file=sys.stderr)
        yield {"k": value["k"]}


def job(events):
    return events.key_by(lambda e: e["k"]).process(C())
`)
    for (const job of [ts.jobPath, py]) {
      const r = riffle(["run", job, ts.recordingPath, '--out', '-'])
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout).toBe(['k0', 'k1', 'k2'].map((k) => `{"value":{"k":"${k}"},"timestamp":null}\n`).join(''))
      expect(r.stderr).toContain('saw k0\nerr k0\nsaw k1\nerr k1\nsaw k2\nerr k2\n')
      // Two workers writing at once: each line whole (Python's print writes its parts apart).
      const par = riffle(['run', job, ts.recordingPath, '--out', '-', '--parallelism', '2'])
      expect(par.code, par.stderr).toBe(0)
      const said = par.stderr.split('\n').filter((l) => /saw|err/.test(l)).sort()
      expect(said).toEqual(['err k0', 'err k1', 'err k2', 'saw k0', 'saw k1', 'saw k2'])
    }
  }, 120_000)
})
