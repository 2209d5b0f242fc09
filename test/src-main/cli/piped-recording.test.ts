// A recording through a pipe (cli/piped-recording.ts), as a shell user pipes one: `… | npx riffle run JOB -`,
// a named pipe, bash's <(…). The run gives what the same bytes give from a file; messages name "standard
// input" (or the pipe's path), not the temporary copy, which is gone when the command ends however it ended.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { root } from '../../examples/run-cli'
import { openRecording } from '../../../src-main/replay/recording-reader'
import { PIPE_COPY_PREFIX } from '../../../src-main/engine/state/temp-state-dirs'

const tmp = mkdtempSync(join(tmpdir(), 'riffle-piped-test-'))
/** The commands' TMPDIR: where their copies go, watched by this file alone. */
const scratch = join(tmp, 'scratch')
mkdirSync(scratch)
const env = { ...process.env, TMPDIR: scratch }
afterAll(() => rmSync(tmp, { recursive: true, force: true }))
beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'bin/riffle.mjs'), '--help'], { stdio: 'ignore' }) // builds the command line once
})

const riffle = join(root, 'bin/riffle.mjs')
const clicks = readFileSync(join(root, 'recordings/clicks.jsonl'))
const copiesLeft = (): string[] => readdirSync(scratch).filter((n) => n.startsWith(PIPE_COPY_PREFIX))
/** The summary without what varies from run to run (time, rate, memory). */
const steady = (stderr: string): string => stderr.split('\n').filter((l) => !/done in|throughput|peak memory/.test(l)).join('\n')

function run(args: string[], input?: Buffer | string): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [riffle, ...args], { cwd: root, env, input, encoding: 'utf8', maxBuffer: 1 << 28, timeout: 120_000 })
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

/** A shell command line (bash: process substitution, named pipes), run from the repository root. */
function bash(script: string): { status: number; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-c', script], { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 28, timeout: 120_000 })
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

describe('a recording through a pipe', () => {
  const job = 'examples/sessionizer-seed.ts'
  const fromFile = run(['run', job, 'recordings/clicks.jsonl', '--out', '-'])

  it('"-" reads standard input: the same output and summary as the file, and no copy left behind', () => {
    expect(fromFile.status).toBe(0)
    const piped = run(['run', job, '-', '--out', '-'], clicks)
    expect(piped.status).toBe(0)
    expect(piped.stdout === fromFile.stdout).toBe(true)
    expect(steady(piped.stderr)).toBe(steady(fromFile.stderr))
    expect(copiesLeft()).toEqual([])
  }, 120_000)

  it('gzip bytes on standard input are read as the gzipped file is', () => {
    const piped = run(['run', job, '-', '--out', '-'], gzipSync(clicks))
    expect(piped.status).toBe(0)
    expect(piped.stdout === fromFile.stdout).toBe(true)
  }, 120_000)

  it('kcat -J output on standard input is recognised by its first line, as in a file; a job error names the line of standard input', () => {
    // running-count keys by user_id, which orders.kcat.jsonl's string payload "heartbeat" (line 28) lacks.
    const kcatJob = 'examples/running-count.ts'
    const file = run(['run', kcatJob, 'recordings/orders.kcat.jsonl', '--out', '-'])
    const piped = run(['run', kcatJob, '-', '--out', '-'], readFileSync(join(root, 'recordings/orders.kcat.jsonl')))
    expect(file.status).toBe(1)
    expect(file.stderr).toContain('while processing recordings/orders.kcat.jsonl:28: "heartbeat"')
    expect(piped.status).toBe(1)
    expect(piped.stdout).toBe(file.stdout)
    expect(piped.stderr).toContain('while processing standard input:28: "heartbeat"')
  }, 120_000)

  it('at --parallelism 2 too (the main thread reads the copy and routes its lines)', () => {
    const file = run(['run', job, 'recordings/clicks.jsonl', '--out', '-', '--parallelism', '2'])
    const piped = run(['run', job, '-', '--out', '-', '--parallelism', '2'], clicks)
    expect(piped.status).toBe(0)
    expect(piped.stdout === file.stdout).toBe(true)
  }, 120_000)

  it('a bad line is named by its line of standard input: it stops the run (exit 2), or is listed when skipped', () => {
    const bad = '{"ts":1708848000000,"user_id":"a"}\nnot json\n'
    const stopped = run(['run', job, '-'], bad)
    expect(stopped.status).toBe(2)
    expect(stopped.stderr).toContain('riffle: BAD_LINE: standard input:2: not JSON')
    expect(stopped.stderr).not.toContain(PIPE_COPY_PREFIX)
    const skipped = run(['run', job, '-', '--skip-bad-lines'], bad)
    expect(skipped.status).toBe(0)
    expect(skipped.stderr).toContain('    standard input:2: not JSON')
    expect(copiesLeft()).toEqual([])
  }, 120_000)

  it('riffle trace and riffle test read standard input too', () => {
    const traced = run(['trace', job, '-', '--step', '3'], clicks)
    expect(traced.status).toBe(0)
    expect(traced.stdout).toBe(run(['trace', job, 'recordings/clicks.jsonl', '--step', '3']).stdout.replaceAll('clicks.jsonl:', 'standard input:'))
    const golden = join(tmp, 'golden.jsonl')
    expect(run(['test', job, '-', '--expect', golden, '--update'], clicks).status).toBe(0)
    const tested = run(['test', job, 'recordings/clicks.jsonl', '--expect', golden])
    expect(tested.status).toBe(0)
  }, 120_000)

  it("bash's <(…) and a named pipe are read like a file, and a bad line is named by the pipe's path", () => {
    const substituted = bash(`node ${riffle} run ${job} <(cat recordings/clicks.jsonl) --out -`)
    expect(substituted.status).toBe(0)
    expect(substituted.stdout === fromFile.stdout).toBe(true)
    const fifo = join(tmp, 'clicks.fifo')
    const named = bash(`mkfifo ${fifo} && (printf '{"ts":1,"user_id":"a"}\\nnot json\\n' > ${fifo} &) && node ${riffle} run ${job} ${fifo}`)
    expect(named.status).toBe(2)
    expect(named.stderr).toContain(`riffle: BAD_LINE: ${fifo}:2: not JSON`)
    expect(copiesLeft()).toEqual([])
  }, 120_000)

  it('"-" when standard input is a terminal: refused at once (exit 2), rather than waiting for typing', () => {
    const r = spawnSync('script', ['-qfec', `node ${riffle} run ${job} -`, '/dev/null'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 })
    expect(r.status).toBe(2)
    expect(r.stdout).toContain('the recording "-" means standard input, which is a terminal here')
    expect(copiesLeft()).toEqual([])
  }, 60_000)

  it('a run killed with kill -9 while copying leaves its copy with its pid; the next run removes it', async () => {
    const child = spawn(process.execPath, [riffle, 'run', job, '-'], { cwd: root, env, stdio: ['pipe', 'ignore', 'ignore'] })
    const ended = new Promise<void>((resolve) => child.on('close', () => resolve()))
    child.stdin.write(clicks.subarray(0, 100_000)) // and the pipe stays open: the copy is under way
    while (copiesLeft().length === 0) await new Promise((res) => setTimeout(res, 20))
    const left = join(scratch, copiesLeft()[0])
    child.kill('SIGKILL')
    await ended
    // Its name carries the pid from the moment it exists (its owner.pid may not be written yet at the kill).
    expect(copiesLeft()[0]).toMatch(new RegExp(`^${PIPE_COPY_PREFIX}${child.pid}-`))
    expect(run(['run', job, 'recordings/clicks-small.jsonl']).status).toBe(0)
    expect(existsSync(left)).toBe(false)
  }, 60_000)

  it('Ctrl-C while standard input is still open: exit 130, and the copy so far is removed', async () => {
    const child = spawn(process.execPath, [riffle, 'run', job, '-'], { cwd: root, env, stdio: ['pipe', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
    const ended = new Promise<number | null>((resolve) => child.on('close', (status) => resolve(status)))
    child.stdin.write(clicks.subarray(0, 100_000))
    while (copiesLeft().length === 0) await new Promise((res) => setTimeout(res, 20))
    child.kill('SIGINT')
    expect(await ended).toBe(130)
    expect(stderr).toContain('riffle: STOPPED: reading the recording from standard input was interrupted (SIGINT)')
    expect(copiesLeft()).toEqual([])
  }, 60_000)

  it('Ctrl-C while a named pipe is still open (<(kcat ... without -e)): exit 130, and the copy so far is removed', async () => {
    // The copy read the pipe as a file, on libuv's thread pool: a read waiting for the next byte could not be cut
    // short, so the first Ctrl-C said "stopping the run" and nothing more happened until the writer wrote again.
    const fifo = join(tmp, 'open.fifo')
    execFileSync('mkfifo', [fifo])
    // The writer: 100 kB, then the pipe held open (detached: its group is killed at the end).
    const writer = spawn('sh', ['-c', `{ head -c 100000 recordings/clicks.jsonl; exec sleep 60; } > ${fifo}`], { cwd: root, detached: true, stdio: 'ignore' })
    try {
      const child = spawn(process.execPath, [riffle, 'run', job, fifo], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] })
      let stderr = ''
      child.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
      const ended = new Promise<number | null>((resolve) => child.on('close', (status) => resolve(status)))
      while (copiesLeft().length === 0) await new Promise((res) => setTimeout(res, 20))
      // The first 100 kB copied: the copy now waits on the open pipe.
      await new Promise((res) => setTimeout(res, 500))
      child.kill('SIGINT')
      const stuck = setTimeout(() => child.kill('SIGKILL'), 20_000)
      const status = await ended
      clearTimeout(stuck)
      expect(stderr).toContain(`riffle: STOPPED: reading the recording from ${fifo} was interrupted (SIGINT)`)
      expect(status).toBe(130)
      expect(copiesLeft()).toEqual([])
    } finally {
      process.kill(-writer.pid!, 'SIGKILL')
    }
  }, 60_000)

  it('a savepoint taken on standard input names it so, and a resume on another recording says which was which', () => {
    const sp = join(tmp, 'sp-stdin')
    const small = readFileSync(join(root, 'recordings/clicks-small.jsonl'))
    expect(run(['run', 'examples/sessionizer-fixed.ts', '-', '--stop-after', '10', '--savepoint-out', sp], small).status).toBe(0)
    const engine = JSON.parse(readFileSync(join(sp, 'engine.json'), 'utf8')) as { recording: { name: string } }
    expect(engine.recording.name).toBe('standard input')
    const onFile = run(['run', 'examples/sessionizer-fixed.ts', 'recordings/clicks.jsonl', '--from-savepoint', sp])
    expect(onFile.status).toBe(2)
    expect(onFile.stderr).toContain(`riffle: SAVEPOINT_INVALID: ${sp}: the savepoint was taken on standard input (${small.length} bytes), not on recordings/clicks.jsonl (${clicks.length} bytes)`)
    const onStdin = run(['run', 'examples/sessionizer-fixed.ts', '-', '--from-savepoint', sp], clicks)
    expect(onStdin.status).toBe(2)
    expect(onStdin.stderr).toContain(`the savepoint was taken on standard input (${small.length} bytes), not on this standard input (${clicks.length} bytes)`)
    // The same bytes again, from a file or standard input: resumed.
    expect(run(['run', 'examples/sessionizer-fixed.ts', 'recordings/clicks-small.jsonl', '--from-savepoint', sp]).status).toBe(0)
    expect(run(['run', 'examples/sessionizer-fixed.ts', '-', '--from-savepoint', sp], small).status).toBe(0)
  }, 120_000)

  it('the reader itself refuses a pipe with a reason, without opening it (which would wait for a writer)', async () => {
    const fifo = join(tmp, 'unread.fifo')
    execFileSync('mkfifo', [fifo])
    await expect(openRecording(fifo)).rejects.toMatchObject({ code: 'RECORDING_UNREADABLE', reason: expect.stringContaining('is a pipe, not a file') })
  })
})
