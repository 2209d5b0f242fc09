// The folders of a LevelDB run (item 10 and 13 of the hardening issue): a --state-dir that is a folder of
// the user's is refused (exit 2) with nothing in it touched; a run without --state-dir removes its
// temporary state however it ends (done, the watchdog, process.exit in job code), and one killed with
// kill -9 leaves folders that record their owner pid, which the next run removes.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { RIFFLE, tempDir, writeCase } from '../helpers/run-inline'

const root = join(__dirname, '../../..')
beforeAll(() => { spawnSync(process.execPath, [join(root, 'bin/riffle-build.mjs')], { cwd: root }) })

/** Runs the CLI with its own temp folder (TMPDIR), so what a run leaves there is its own. */
function riffle(args: string[], tmp: string, env: Record<string, string> = {}): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), 'run', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, TMPDIR: tmp, ...env } })
  return { code: r.status, stderr: r.stderr }
}

/** Writes state for every record; MODE=spin loops forever and MODE=exit calls process.exit at record 30. */
const JOB = `${RIFFLE}class S extends KeyedProcessFunction<any, any, any> {
  n: any
  open(ctx: any) { this.n = ctx.getState(new ValueStateDescriptor('n', Types.LONG)) }
  processElement(e: any, ctx: any, out: any) {
    this.n.update((this.n.value() ?? 0) + 1)
    if (e.i === 30 && process.env.MODE === 'spin') for (;;) { /* the watchdog stops it */ }
    if (e.i === 30 && process.env.MODE === 'exit') process.exit(3)
    if (process.env.MODE === 'slow') { const until = globalThis.Date.now() + 1; while (globalThis.Date.now() < until) { /* 1 ms of wall time a record (the job's Date is simulated) */ } }
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new S())
`
const LINES = Array.from({ length: 40 }, (_, i) => ({ k: `k${i % 5}`, i }))

describe('--state-dir that is not Riffle\'s', () => {
  it('a non-empty folder without the mark: exit 2, a clear message, and its files untouched', () => {
    const c = writeCase(JOB, LINES)
    const dir = join(c.dir, 'mine')
    mkdirSync(dir)
    writeFileSync(join(dir, '000001.log'), 'my own log\n')
    const r = riffle([c.jobPath, c.recordingPath, '--backend', 'leveldb', '--state-dir', dir], tempDir())
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^riffle: BAD_ARGUMENT: cannot use state directory .*mine: the folder is not empty and is not a Riffle state directory/)
    expect(readdirSync(dir)).toEqual(['000001.log'])
    expect(readFileSync(join(dir, '000001.log'), 'utf8')).toBe('my own log\n')
  })
})

describe('temporary state folders', () => {
  it.each([['done', '', 0], ['the watchdog', 'spin', 1], ['process.exit in job code', 'exit', 3]] as const)(
    'are removed when the run ends: %s', (_how, mode, status) => {
      const c = writeCase(JOB, LINES)
      const tmp = tempDir()
      const r = riffle([c.jobPath, c.recordingPath, '--backend', 'leveldb', '--watchdog-ms', '500'], tmp, { MODE: mode })
      expect(r.code, r.stderr).toBe(status)
      expect(readdirSync(tmp)).toEqual([])
    })

  it('a run killed with kill -9 leaves them with its pid; the next run removes them', async () => {
    const c = writeCase(JOB, Array.from({ length: 5000 }, (_, i) => ({ k: `k${i % 5}`, i })))
    const tmp = tempDir()
    const child = spawn(process.execPath, [join(root, 'bin/riffle.mjs'), 'run', c.jobPath, c.recordingPath, '--backend', 'leveldb'], { cwd: root, env: { ...process.env, TMPDIR: tmp, MODE: 'slow' } })
    const ended = new Promise<void>((resolve) => child.on('close', () => resolve()))
    // Killed once its LevelDB state folder exists (inside the worker's scratch folder).
    const stateDir = (): string | undefined => readdirSync(tmp).flatMap((w) => {
      try { return readdirSync(join(tmp, w)).filter((n) => n.startsWith('riffle-state-')).map((n) => join(tmp, w, n)) } catch { return [] }
    })[0]
    // ...and has its owner file written (a kill between the folder and its owner file is another, narrower case).
    const owned = (): boolean => { const d = stateDir(); try { return d !== undefined && readFileSync(join(d, 'owner.pid'), 'utf8').endsWith('\n') } catch { return false } }
    while (!owned()) await new Promise((res) => setTimeout(res, 20))
    const left = stateDir()!
    child.kill('SIGKILL')
    await ended
    expect(existsSync(left)).toBe(true)
    expect(readFileSync(join(left, 'owner.pid'), 'utf8').trim()).toBe(String(child.pid))

    const next = riffle([c.jobPath, c.recordingPath, '--backend', 'heap'], tmp)
    expect(next.code, next.stderr).toBe(0)
    expect(readdirSync(tmp)).toEqual([])
  })
})
