// `--parallelism N` above the machine's cores: each subtask is a worker thread that loads the engine (a Python job's
// also Pyodide) on its own, so 128 of them sit for tens of seconds before the first record. The run says so up
// front, with an estimate, instead of a silent wait (cli/parallel-notice.ts).
import { execFileSync, spawnSync } from 'node:child_process'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { parallelStartupNotice } from '../../../src-main/cli/parallel-notice'

const root = join(__dirname, '../../..')
beforeAll(() => { execFileSync(process.execPath, [join(root, 'bin/riffle-build.mjs')], { cwd: root, stdio: 'pipe' }) })

describe('the notice before many subtasks start', () => {
  it('says how many threads on how many cores, what each costs and about how long before the first record', () => {
    expect(parallelStartupNotice(128, 2, false)).toBe('riffle: --parallelism 128 starts 128 worker threads on 2 cores, each loading the engine on its own ' +
      '(about 0.4 s of a core each): about 26 s before the first record is read. Above 2 the subtasks only share the cores; ' +
      'the output is the same at any parallelism.\n')
    expect(parallelStartupNotice(16, 2, true)).toContain('each loading the engine and Pyodide on its own (about 2.5 s of a core and 130 MB each): about 20 s before')
  })

  it('is not said at or below the number of cores', () => {
    expect(parallelStartupNotice(2, 2, false)).toBeNull()
    expect(parallelStartupNotice(4, 8, true)).toBeNull()
  })

  it('riffle run prints it on standard error before the run, output unchanged', () => {
    const p = availableParallelism() + 1
    const args = (n: number): string[] => [join(root, 'bin/riffle.mjs'), 'run', 'examples/running-count.ts', 'recordings/clicks-small.jsonl', '--out', '-', '--parallelism', String(n)]
    const r = spawnSync(process.execPath, args(p), { cwd: root, encoding: 'utf8' })
    expect(r.status, r.stderr).toBe(0)
    expect(r.stderr.startsWith(`riffle: --parallelism ${p} starts ${p} worker threads on ${availableParallelism()} cores`)).toBe(true)
    const one = spawnSync(process.execPath, args(1), { cwd: root, encoding: 'utf8' })
    expect(one.stderr).not.toContain('worker threads')
    expect(r.stdout.split('\n').sort()).toEqual(one.stdout.split('\n').sort())
  })
})
