// Named pipes (mkfifo) that no process has opened yet at the other end. --out naming one: written directly, as a pipe is. One with no reader yet is refused at once,
// naming it (exit 2): opening it waited for a reader inside the main thread, where neither Ctrl-C nor SIGTERM could
// reach the command, so a forgotten reader left a run that only kill -9 ended, without a word.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/run-inline'
import { buildRiffleOnce, riffle, ROOT } from '../helpers/riffle-cli'

buildRiffleOnce()

const JOB = 'examples/running-count.ts'
const REC = 'recordings/clicks-small.jsonl'

describe('--out FIFO', () => {
  it('with no reader: refused at once, exit 2, naming the pipe', () => {
    const fifo = join(tempDir(), 'out.fifo')
    execFileSync('mkfifo', [fifo])
    // SIGKILL after 30 s (code null): the hang this was ignored SIGTERM.
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/riffle.mjs'), 'run', JOB, REC, '--out', fifo], { cwd: ROOT, encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL' })
    expect(r.stderr).toBe(`riffle: BAD_ARGUMENT: cannot write --out ${fifo}: it is a named pipe that no process is reading; start its reader first (for example cat ${fifo} > out.jsonl &)\n`)
    expect(r.status).toBe(2)
  })

  it('with a reader: the reader gets every line', async () => {
    const fifo = join(tempDir(), 'out.fifo')
    execFileSync('mkfifo', [fifo])
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'ignore'] })
    let read = ''
    reader.stdout.on('data', (d: Buffer) => { read += d.toString() })
    const done = new Promise<void>((resolve) => reader.on('close', () => resolve()))
    // cat opens the pipe: wait until it has, so the run finds its reader.
    await new Promise((res) => setTimeout(res, 300))
    const r = riffle('run', JOB, REC, '--out', fifo)
    await done
    expect(r.code).toBe(0)
    expect(read).toBe(riffle('run', JOB, REC, '--out', '-').stdout)
  })
})

// bash's <(command) is a pipe to read from: riffle holds its read end (/dev/fd/63), and writing there put the lines
// in a pipe nobody reads. A small output 'succeeded' (exit 0, 'wrote 40 output lines to /dev/fd/63') and was lost; one
// past the pipe's 64 KB hung in the main thread, deaf to Ctrl-C and SIGTERM.
describe('--out or --expect --update naming <(command)', () => {
  it.each([
    ['run', '--out', ''],
    ['test', '--expect', ' --update'],
  ])('riffle %s %s <(...): refused at once, exit 2, pointing at >(...)', (cmd, flag, extra) => {
    const line = `exec "${process.execPath}" bin/riffle.mjs ${cmd} ${JOB} ${REC} ${flag} <(cat /dev/null)${extra}`
    const r = spawnSync('bash', ['-c', line], { cwd: ROOT, encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL' })
    expect(r.stderr).toMatch(new RegExp(`^riffle: BAD_ARGUMENT: cannot write ${flag} /dev/fd/\\d+: it is the read end of a pipe, as <\\(command\\) gives, which nothing would read; to send the output to a command, use >\\(command\\)\n$`))
    expect(r.status).toBe(2)
  })
})

describe('--expect FIFO', () => {
  it('with no writer yet: Ctrl-C ends the wait (killed by SIGINT: 130 in a shell)', async () => {
    // The golden file was read inside the main thread, where a pipe with no writer blocked it deaf to every signal.
    const fifo = join(tempDir(), 'golden.fifo')
    execFileSync('mkfifo', [fifo])
    const child = spawn(process.execPath, [join(ROOT, 'bin/riffle.mjs'), 'test', JOB, REC, '--expect', fifo], { cwd: ROOT, stdio: 'ignore' })
    // Nothing to stop yet: it dies of the signal (a shell's 130), as a Unix tool does.
    const ended = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_status, signal) => resolve(signal)))
    await new Promise((res) => setTimeout(res, 1500))
    child.kill('SIGINT')
    const stuck = setTimeout(() => child.kill('SIGKILL'), 20_000)
    const status = await ended
    clearTimeout(stuck)
    expect(status).toBe('SIGINT')
  })
})
