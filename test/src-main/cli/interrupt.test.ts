// Ctrl-C (SIGINT) and SIGTERM during `riffle run` (cli/interrupt.ts): the run stops as a failure stops it, so
// the output emitted before is kept whole in OUT.partial and the target is untouched, the run's temporary
// folders are removed, and the command exits 130 / 143 as a shell expects.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { RIFFLE, tempDir, writeCase } from '../helpers/run-inline'

const root = join(__dirname, '../../..')
const riffle = join(root, 'bin/riffle.mjs')
beforeAll(() => { spawnSync(process.execPath, [join(root, 'bin/riffle-build.mjs')], { cwd: root }) })

/** Emits each record's running count per key, taking 1 ms of wall time a record: long enough to interrupt. */
const SLOW = `${RIFFLE}class S extends KeyedProcessFunction<any, any, any> {
  n: any
  open(ctx: any) { this.n = ctx.getState(new ValueStateDescriptor('n', Types.LONG)) }
  processElement(e: any, ctx: any, out: any) {
    const until = globalThis.performance.timeOrigin + globalThis.performance.now() + 1
    while (globalThis.performance.timeOrigin + globalThis.performance.now() < until) { /* 1 ms a record */ }
    const n = (this.n.value() ?? 0) + 1
    this.n.update(n)
    out.collect({ k: e.k, i: e.i, n })
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new S())
`
const LINES = Array.from({ length: 100_000 }, (_, i) => ({ k: `k${i % 7}`, i }))

interface Ended { status: number | null; signal: NodeJS.Signals | null; stderr: string }

/** Starts a run with its own TMPDIR, sends `sig` once its output file has `lines` lines, and waits for its end. */
async function interrupted(sig: NodeJS.Signals, extra: string[]): Promise<Ended & { out: string; tmp: string }> {
  const c = writeCase(SLOW, LINES)
  const tmp = join(c.dir, 'tmp')
  mkdirSync(tmp)
  const out = join(c.dir, 'out.jsonl')
  writeFileSync(out, 'the previous output\n')
  const child = spawn(process.execPath, [riffle, 'run', c.jobPath, c.recordingPath, '--out', out, ...extra], { cwd: root, env: { ...process.env, TMPDIR: tmp } })
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
  const ended = new Promise<Ended>((resolve) => child.on('close', (status, signal) => resolve({ status, signal, stderr })))
  // Output is being written (to a temporary sibling of --out, or at --parallelism N to each subtask's file in
  // the run's temporary folder): the run is well under way.
  const sizes = (dir: string, name: RegExp): number => {
    try { return readdirSync(dir).filter((n) => name.test(n)).reduce((sum, n) => sum + statSync(join(dir, n)).size, 0) } catch { return 0 }
  }
  const written = (): number => sizes(c.dir, /^\.out\.jsonl\.tmp-/) +
    readdirSync(tmp).filter((d) => d.startsWith('riffle-parallel-')).reduce((sum, d) => sum + sizes(join(tmp, d), /^\.subtask-\d+\.jsonl\.tmp-/), 0)
  const deadline = Date.now() + 30_000
  while (written() < 2000) {
    if (Date.now() > deadline) throw new Error(`no output after 30 s: ${stderr}`)
    await new Promise((res) => setTimeout(res, 20))
  }
  child.kill(sig)
  return { ...(await ended), out, tmp }
}

describe('interrupting a run', () => {
  it('SIGINT: exit 130, the output so far in OUT.partial as whole lines, the target untouched, no temporary folder left', async () => {
    const r = await interrupted('SIGINT', ['--backend', 'leveldb'])
    expect(r.signal).toBe(null)
    expect(r.status, r.stderr).toBe(130)
    expect(r.stderr).toContain('riffle: STOPPED: the run was interrupted (SIGINT)')
    expect(r.stderr).toContain(`${r.out}.partial`)
    expect(readFileSync(r.out, 'utf8')).toBe('the previous output\n')
    const partial = readFileSync(`${r.out}.partial`, 'utf8')
    expect(partial.endsWith('\n')).toBe(true)
    const lines = partial.trimEnd().split('\n').map((l) => JSON.parse(l) as { value: { i: number } })
    expect(lines.length).toBeGreaterThan(0)
    expect(lines.map((l) => l.value.i)).toEqual(lines.map((_, i) => i)) // the first records, in order
    expect(readdirSync(r.tmp)).toEqual([]) // the worker's folder, and the LevelDB state in it
  }, 60_000)

  it('SIGTERM at --parallelism 2: exit 143, every subtask stopped, what they emitted kept, no temporary folder left', async () => {
    const r = await interrupted('SIGTERM', ['--parallelism', '2'])
    expect(r.status, r.stderr).toBe(143)
    expect(r.stderr).toContain('the run was interrupted (SIGTERM)')
    expect(existsSync(`${r.out}.partial`)).toBe(true)
    expect(readFileSync(r.out, 'utf8')).toBe('the previous output\n')
    expect(readdirSync(r.tmp)).toEqual([])
  }, 60_000)

  // The terminal closed (an ssh session dropped, the window shut) under a run: SIGHUP killed the process at once,
  // exit 129, leaving the output's temporary file (not OUT.partial) and the worker's folder with the LevelDB state.
  // Now it stops as for SIGINT, then dies of the signal (the shell still sees 129): exiting, Node resets the gone
  // terminal's modes and aborts.
  it('SIGHUP: stops as SIGINT does, the output so far in OUT.partial, no temporary folder left, dies of SIGHUP', async () => {
    const r = await interrupted('SIGHUP', ['--backend', 'leveldb'])
    expect(r.signal, r.stderr).toBe('SIGHUP')
    expect(r.stderr).toContain('riffle: STOPPED: the run was interrupted (SIGHUP)')
    expect(readFileSync(r.out, 'utf8')).toBe('the previous output\n')
    expect(readFileSync(`${r.out}.partial`, 'utf8')).toMatch(/^\{"value":\{"k":"k0","i":0,"n":1\},"timestamp":null\}\n(.*\n)*$/)
    expect(readdirSync(r.tmp)).toEqual([])
  }, 60_000)

  it('the terminal closing under a run (a real pty, standard error on it): the same, not SIGSEGV or SIGABRT', () => {
    const c = writeCase(SLOW, LINES)
    const tmp = join(c.dir, 'tmp')
    mkdirSync(tmp)
    const out = join(c.dir, 'out.jsonl')
    // Python's pty: riffle's standard streams are the terminal; closing its master side hangs the terminal up.
    const closeTerminal = `import os, pty, select, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
deadline = time.time() + 30
folder = os.path.dirname(sys.argv[-1])
while time.time() < deadline and not any(n.startswith('.out.jsonl.tmp-') and os.path.getsize(os.path.join(folder, n)) > 2000 for n in os.listdir(folder)):
    if select.select([fd], [], [], 0.05)[0]:
        try: os.read(fd, 65536)
        except OSError: break
os.close(fd)
print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
`
    const r = spawnSync('python3', ['-c', closeTerminal, process.execPath, riffle, 'run', c.jobPath, c.recordingPath, '--backend', 'leveldb', '--out', out],
      { cwd: root, env: { ...process.env, TMPDIR: tmp }, encoding: 'utf8', timeout: 60_000 })
    expect(r.stdout.trim(), r.stderr).toBe('-1') // died of SIGHUP
    expect(existsSync(`${out}.partial`)).toBe(true)
    expect(readdirSync(c.dir).filter((n) => n.includes('.tmp-'))).toEqual([])
    expect(readdirSync(tmp)).toEqual([])
  }, 60_000)

  it('riffle trace: exit 130 and the session worker\'s folder removed', async () => {
    // The session is stepping (1 ms a record) once its worker's folder exists.
    await expectTraceInterrupted(SLOW, LINES, '90000', 500)
  }, 60_000)

  it("riffle trace: a Ctrl-C while the session is still opening stops it once open, with the message, folder removed", async () => {
    // The module's top level waits 1.5 s (under the watchdog's 2 s): the signal comes while the session opens.
    await expectTraceInterrupted(`Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500)\n${SLOW}`, LINES.slice(0, 10), '5', 0)
  }, 60_000)
})

/**
 * `riffle trace JOB --step STEP` with its own TMPDIR, SIGINT `afterMs` after its worker's folder appears: it must
 * exit 130 saying so, its folder removed.
 */
async function expectTraceInterrupted(job: string, lines: Parameters<typeof writeCase>[1], step: string, afterMs: number): Promise<void> {
  const c = writeCase(job, lines)
  const tmp = join(c.dir, 'tmp')
  mkdirSync(tmp)
  const child = spawn(process.execPath, [riffle, 'trace', c.jobPath, c.recordingPath, '--step', step], { cwd: root, env: { ...process.env, TMPDIR: tmp } })
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
  const ended = new Promise<number | null>((resolve) => child.on('close', (status) => resolve(status)))
  while (!readdirSync(tmp).some((n) => n.startsWith('riffle-worker-'))) await new Promise((res) => setTimeout(res, 10))
  if (afterMs > 0) await new Promise((res) => setTimeout(res, afterMs))
  child.kill('SIGINT')
  expect(await ended, stderr).toBe(130)
  expect(stderr).toContain('the run was interrupted (SIGINT)')
  expect(readdirSync(tmp)).toEqual([])
}
