// A reader of standard output that stops reading (`riffle run ... --out - | sleep 40`, `riffle trace ... | less` left
// alone): the pipe fills and riffle waits for it, but Ctrl-C and SIGTERM still stop the command as they do otherwise
// (its temporary folders removed, the exit status of the signal). Each test runs riffle as a real child process whose
// standard output is a real pipe that this process never reads.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { closeSync, constants, mkdirSync, openSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { RIFFLE, writeCase } from '../helpers/run-inline'

const root = join(__dirname, '../../..')
const riffle = join(root, 'bin/riffle.mjs')
beforeAll(() => { spawnSync(process.execPath, [join(root, 'bin/riffle-build.mjs')], { cwd: root }) })

/** 1 ms of wall time a record, each emitting a 200-byte line: the pipe (64 KB) is full after a few hundred records. */
const SLOW = `${RIFFLE}class S extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) {
    const until = globalThis.performance.timeOrigin + globalThis.performance.now() + 1
    while (globalThis.performance.timeOrigin + globalThis.performance.now() < until) { /* 1 ms a record */ }
    out.collect({ i: e.i, pad: 'x'.repeat(160) })
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new S())
`
/** No wait: the run ends in a moment, and its output (1 MB and more) is left for the final write. */
const FAST = SLOW.replace('+ 1\n', '+ 0\n')
/** 200 lines a record: a step's trace is 40 KB and more, so two fill the pipe (a trace takes its steps slowly). */
const WIDE = FAST.replace("out.collect({ i: e.i, pad: 'x'.repeat(160) })", "for (let j = 0; j < 200; j++) out.collect({ i: e.i, pad: 'x'.repeat(160) })")

interface Ended { status: number | null; signal: NodeJS.Signals | null; stderr: string }

/** Every riffle started here: one still running after its test (a wait that timed out) is killed, its pipe closed. */
const started: Unread[] = []
afterEach(async () => {
  for (const r of started.splice(0)) {
    if (r.child.exitCode === null && r.child.signalCode === null) {
      r.child.kill('SIGKILL')
      await r.ended
    }
    closeSync(r.readEnd)
  }
})

interface Unread { child: ChildProcess; ended: Promise<Ended>; fifo: string; readEnd: number; stderr: () => string }

/**
 * riffle with standard output on a real pipe (a named one, so the test can look into it) whose read end this
 * process holds open and never reads. (A spawned child's 'pipe' is a socket pair, whose buffers are far larger.)
 */
function startUnread(args: string[], dir: string, tmp: string): Unread {
  const fifo = join(dir, 'stdout.fifo')
  expect(spawnSync('mkfifo', [fifo]).status).toBe(0)
  const readEnd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK)
  const writeEnd = openSync(fifo, constants.O_WRONLY)
  const child = spawn(process.execPath, [riffle, ...args], { cwd: root, env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', writeEnd, 'pipe'] })
  closeSync(writeEnd)
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString() })
  const ended = new Promise<Ended>((resolve) => child.on('close', (status, signal) => resolve({ status, signal, stderr })))
  const r = { child, ended, fifo, readEnd, stderr: () => stderr }
  started.push(r)
  return r
}

/** Waits for `cond`, polling, up to 30 s. */
async function until(cond: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((res) => setTimeout(res, 50))
  }
}

/** Bytes waiting in the pipe (FIONREAD of another read end of it: nothing is read). */
const IN_PIPE = `import array, fcntl, os, sys, termios
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_NONBLOCK)
n = array.array('i', [0])
fcntl.ioctl(fd, termios.FIONREAD, n)
print(n[0])
`

/**
 * Waits until the pipe is full: riffle, which writes all the time, has added nothing to it for 1 s. (Full is short of
 * its 64 KB: the kernel fills it page by page, and a write that does not fit a page's rest takes a new one.)
 */
async function untilStalled(r: Unread): Promise<void> {
  const inPipe = (): number => Number(spawnSync('python3', ['-c', IN_PIPE, r.fifo], { encoding: 'utf8' }).stdout)
  let last = -1
  let since = Date.now()
  await until(() => {
    const n = inPipe()
    if (n !== last) [last, since] = [n, Date.now()]
    return n > 32_768 && Date.now() - since >= 1000
  }, `standard output to fill (riffle ${r.child.exitCode === null ? 'running' : `exited ${r.child.exitCode}`}: ${r.stderr()})`)
}

/** The child's end, or null when it is still running after `ms` (it is then killed). */
async function endWithin(r: Unread, ms: number): Promise<Ended | null> {
  const timer = new Promise<null>((res) => setTimeout(() => res(null), ms))
  const got = await Promise.race([r.ended, timer])
  if (got === null) r.child.kill('SIGKILL')
  await r.ended
  return got
}

const folder = (dir: string, prefix: string): boolean => readdirSync(dir).some((n) => n.startsWith(prefix))

/**
 * What every test here does: `riffle COMMAND JOB RECORDING OPTIONS` (`command` is COMMAND then OPTIONS) over a recording
 * of `records` records, on a pipe never read and with a TMPDIR of its own; when `ready` has seen what it waits for,
 * `signal`, which must end riffle within 10 s. How it ended, and the TMPDIR, are the test's to look at.
 */
async function signalWhenReady(
  job: string, records: number, command: string[], ready: (r: Unread, tmp: string) => Promise<void>, signal: NodeJS.Signals,
): Promise<{ e: Ended; tmp: string }> {
  const c = writeCase(job, Array.from({ length: records }, (_, i) => ({ k: `k${i % 7}`, i })))
  const tmp = join(c.dir, 'tmp')
  mkdirSync(tmp)
  const r = startUnread([command[0], c.jobPath, c.recordingPath, ...command.slice(1)], c.dir, tmp)
  await ready(r, tmp)
  r.child.kill(signal)
  const e = await endWithin(r, 10_000)
  expect(e, `still running 10 s after ${signal}`).not.toBe(null)
  return { e: e!, tmp }
}

describe('a reader of standard output that stopped reading', () => {
  it('SIGINT during `riffle run --out -`: exit 130 within seconds, saying so, the worker\'s folder removed', async () => {
    const { e, tmp } = await signalWhenReady(SLOW, 100_000, ['run', '--backend', 'leveldb', '--out', '-'], untilStalled, 'SIGINT')
    expect(e.status, e.stderr).toBe(130)
    expect(e.stderr).toContain('riffle: STOPPED: the run was interrupted (SIGINT)')
    expect(readdirSync(tmp)).toEqual([])
  }, 60_000)

  it('SIGTERM while `--parallelism 2 --out -` writes the joined output at the end: exit 143, its folder removed', async () => {
    const { e, tmp } = await signalWhenReady(FAST, 20_000, ['run', '--parallelism', '2', '--out', '-'], async (_r, tmp) => {
      await until(() => folder(tmp, 'riffle-worker-'), 'the subtasks to start')
      // The subtasks are done (each one's output kept as subtask-N.jsonl), and the joined output waits for the pipe.
      const parts = (): string[] => readdirSync(tmp).filter((n) => n.startsWith('riffle-parallel-'))
        .flatMap((d) => { try { return readdirSync(join(tmp, d)) } catch { return [] } })
      await until(() => parts().filter((n) => /^subtask-\d\.jsonl$/.test(n)).length === 2, 'the subtasks to end')
      await new Promise((res) => setTimeout(res, 1000))
    }, 'SIGTERM')
    expect(e.status, e.stderr).toBe(143)
    expect(readdirSync(tmp)).toEqual([])
  }, 60_000)

  it('SIGINT during `riffle trace` whose reader stopped: exit 130, the session worker\'s folder removed', async () => {
    // A trace first runs the recording to its end (to know its steps): a short one, of long steps.
    const { e, tmp } = await signalWhenReady(WIDE, 300, ['trace', '--step', '1', '--to', '300'], untilStalled, 'SIGINT')
    expect(e.status, e.stderr).toBe(130)
    expect(readdirSync(tmp)).toEqual([])
  }, 60_000)
})
