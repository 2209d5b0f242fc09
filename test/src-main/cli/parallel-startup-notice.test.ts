// `--parallelism N` of a Python job above the machine's cores: each subtask is a worker thread that loads the engine
// and Pyodide on its own, so 16 of them sit for tens of seconds before the first record. The run says so up front,
// with an estimate, instead of a silent wait (cli/parallel-notice.ts). A TypeScript job's subtasks share a thread per
// core (cli/subtask-threads.ts): nothing to say.
import { execFileSync, spawnSync } from 'node:child_process'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { parallelStartupNotice } from '../../../src-main/cli/parallel-notice'

const root = join(__dirname, '../../..')
beforeAll(() => { execFileSync(process.execPath, [join(root, 'bin/riffle-build.mjs')], { cwd: root, stdio: 'pipe' }) })

describe('the notice before many Python subtasks start', () => {
  it('says how many threads on how many cores, what each costs and about how long before the first record', () => {
    expect(parallelStartupNotice(16, 2)).toBe('riffle: --parallelism 16 of a Python job starts 16 worker threads on 2 cores, each loading the engine ' +
      'and Pyodide on its own (about 2.5 s of a core and 130 MB each): about 20 s before the first record is read. Above 2 the subtasks ' +
      'only share the cores; the output is the same at any parallelism.\n')
  })

  it('is not said at or below the number of cores', () => {
    expect(parallelStartupNotice(2, 2)).toBeNull()
    expect(parallelStartupNotice(4, 8)).toBeNull()
  })

  const args = (job: string, n: number): string[] => [join(root, 'bin/riffle.mjs'), 'run', job, 'recordings/clicks-small.jsonl', '--out', '-', '--parallelism', String(n)]
  const above = availableParallelism() + 1

  it('riffle run prints it on standard error before a Python job\'s run, output unchanged', () => {
    const r = spawnSync(process.execPath, args('examples/running-count.py', above), { cwd: root, encoding: 'utf8' })
    expect(r.status, r.stderr).toBe(0)
    expect(r.stderr.startsWith(`riffle: --parallelism ${above} of a Python job starts ${above} worker threads on ${availableParallelism()} cores`)).toBe(true)
    const one = spawnSync(process.execPath, args('examples/running-count.py', 1), { cwd: root, encoding: 'utf8' })
    expect(one.stderr).not.toContain('worker threads')
    expect(r.stdout.split('\n').sort()).toEqual(one.stdout.split('\n').sort())
  }, 120_000)

  it('says nothing of threads for a TypeScript job', () => {
    const r = spawnSync(process.execPath, args('examples/running-count.ts', above), { cwd: root, encoding: 'utf8' })
    expect(r.status, r.stderr).toBe(0)
    expect(r.stderr).not.toContain('worker threads')
  })
})
