// `--parallelism N` of a TypeScript job above the machine's cores: the subtasks share one worker thread per core
// instead of starting one thread each (each thread loads the engine on its own, so 128 of them took half a minute
// on 2 cores before the first record). What the run writes is what one thread per subtask writes, byte for byte.
import { availableParallelism } from 'node:os'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { buildRiffleOnce, ROOT } from '../helpers/riffle-cli'
import { RIFFLE, writeCase } from '../helpers/run-inline'

buildRiffleOnce()

/** `riffle ARGS...` with these variables in its environment (RIFFLE_SUBTASK_THREADS: the default unless given). */
function riffleWith(vars: Record<string, string>, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env = { ...process.env }
  delete env.RIFFLE_SUBTASK_THREADS
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/riffle.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...env, ...vars }, timeout: 120_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** A running count per user that says, once per subtask, which thread it runs in; it loops for ever at STUCK_USER. */
const job = `${RIFFLE}import { threadId } from 'node:worker_threads'
class Count extends KeyedProcessFunction<string, any, any> {
  count: any
  open(ctx: any) {
    console.log('thread ' + threadId)
    this.count = ctx.getState(new ValueStateDescriptor('count', Types.LONG))
  }
  processElement(e: any, ctx: any, out: any) {
    if (e.user_id === process.env.STUCK_USER) for (;;) { /* stuck */ }
    const n = (this.count.value() ?? 0) + 1
    this.count.update(n)
    out.collect([e.user_id, n])
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.user_id).process(new Count())
`
const clicks = readFileSync(join(ROOT, 'recordings/clicks.jsonl'), 'utf8').split('\n').filter((l) => l !== '').slice(0, 2000)

const threadsOf = (stderr: string): Set<string> => new Set(stderr.split('\n').filter((l) => l.startsWith('thread ')))

describe('--parallelism above the cores, TypeScript', () => {
  it.each([['routed', {}], ['every subtask reading the file', { RIFFLE_NO_ROUTE: '1' }]])('runs on one thread per core and writes what one thread per subtask writes (%s)', (_, env) => {
    const c = writeCase(job, clicks)
    const args = ['run', c.jobPath, c.recordingPath, '--out', '-', '--parallelism', '8']
    const shared = riffleWith(env, ...args)
    expect(shared.code, shared.stderr).toBe(0)
    expect(threadsOf(shared.stderr).size).toBe(Math.min(8, availableParallelism()))
    const own = riffleWith({ ...env, RIFFLE_SUBTASK_THREADS: '8' }, ...args)
    expect(own.code, own.stderr).toBe(0)
    expect(threadsOf(own.stderr).size).toBe(8)
    expect(shared.stdout).toBe(own.stdout)
    const one = riffleWith({}, 'run', c.jobPath, c.recordingPath, '--out', '-')
    expect(shared.stdout.split('\n').sort()).toEqual(one.stdout.split('\n').sort())
  })

  it('a subtask stuck in a shared thread is stopped by the watchdog at its own record, and the others\' output is kept', () => {
    const c = writeCase(job, clicks)
    const stuckAt = clicks.findIndex((l) => (JSON.parse(l) as { user_id: string }).user_id === 'u00758') + 1
    expect(stuckAt).toBeGreaterThan(0)
    const out = join(c.dir, 'out.jsonl')
    const r = riffleWith({ STUCK_USER: 'u00758', RIFFLE_SUBTASK_THREADS: '2' }, 'run', c.jobPath, c.recordingPath, '--out', out, '--parallelism', '6', '--watchdog-ms', '1000')
    expect(r.code, r.stderr).toBe(1)
    expect(r.stderr).toContain(`riffle: JOB_TIMEOUT: the job's code did not return within 1,000 ms while processing ${c.recordingPath}:${stuckAt}`)
    expect(r.stderr).toContain(`(in processElement)`)
    const partial = readFileSync(`${out}.partial`, 'utf8').split('\n').filter((l) => l !== '')
    expect(partial.length).toBeGreaterThan(0)
  })
})
