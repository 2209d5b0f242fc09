// `riffle run --parallelism 2` against `--parallelism 1` through the command line: every example on its
// recording (TypeScript and Python) gives the same output records (a multiset), each key's in the same order, and the same
// output on every run; riffle test compares as a multiset; what is not supported is refused up front.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { root, runExample } from '../../examples/run-cli'

const tmp = mkdtempSync(join(tmpdir(), 'riffle-parallelism-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))
beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'bin/riffle-build.mjs')])
})

function riffle(args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 })
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

/** Each example's key (what its keyBy selects) in an output value. */
const KEY_OF: Record<string, (v: unknown) => unknown> = {
  'running-count': (v) => (v as unknown[])[0],
  'sessionizer-fixed': (v) => (v as { user_id: string }).user_id,
  'sessionizer-seed': (v) => (v as { user_id: string }).user_id,
  'failed-logins': (v) => (v as { user_id: string }).user_id,
  'dedup-ttl': (v) => (v as { event_id: string }).event_id,
}

const RECORDING_OF: Record<string, string> = {
  'running-count': 'clicks.jsonl',
  'sessionizer-fixed': 'clicks.jsonl',
  'sessionizer-seed': 'clicks.jsonl',
  'failed-logins': 'logins.jsonl',
  'dedup-ttl': 'payments.jsonl',
}

/** Every example, TypeScript and Python (the .py twin outputs the same values), on its recording. */
const EXAMPLES: Array<[string, string]> = ['.ts', '.py'].flatMap((ext) => Object.entries(RECORDING_OF).map(([name, rec]): [string, string] => [name + ext, rec]))

describe('riffle run --parallelism 2', () => {
  for (const [job, recording] of EXAMPLES) {
    it(`${job} on ${recording}: the same records as --parallelism 1, each key's in the same order, the same on every run`, () => {
      const one = runExample(job, recording).map((l) => JSON.stringify(l))
      const two = runExample(job, recording, ['--parallelism', '2']).map((l) => JSON.stringify(l))
      expect(one.length).toBeGreaterThan(0)
      expect([...two].sort()).toEqual([...one].sort())
      const perKey = (lines: string[]): Map<string, string[]> => {
        const m = new Map<string, string[]>()
        for (const l of lines) {
          const k = JSON.stringify(KEY_OF[job.replace(/\.(ts|py)$/, '')]((JSON.parse(l) as { value: unknown }).value))
          m.set(k, [...(m.get(k) ?? []), l])
        }
        return m
      }
      expect(perKey(two)).toEqual(perKey(one))
      expect(runExample(job, recording, ['--parallelism', '2']).map((l) => JSON.stringify(l))).toEqual(two)
    }, job.endsWith('.py') ? 240_000 : 60_000)
  }

  it('a failed run at --parallelism 2 keeps what every subtask emitted before it in OUT.partial, as at 1', () => {
    // running-count emits one record per input record: a bad line 300 records in stops the run after output.
    const lines = readFileSync(join(root, 'recordings/clicks.jsonl'), 'utf8').split('\n').slice(0, 600)
    lines.splice(300, 0, '{"ts": 1, "user_id": ')
    const rec = join(tmp, 'bad-at-301.jsonl')
    writeFileSync(rec, lines.join('\n') + '\n')
    const kept: string[][] = []
    for (const p of ['1', '2']) {
      const out = join(tmp, `partial-${p}.jsonl`)
      const r = riffle(['run', 'examples/running-count.ts', rec, '--parallelism', p, '--out', out])
      expect(r.status).toBe(2)
      expect(r.stderr).toContain(`bad-at-301.jsonl:301`)
      expect(r.stderr).toContain(`are in ${out}.partial (${out} was not changed)`)
      expect(existsSync(out)).toBe(false)
      kept.push(readFileSync(`${out}.partial`, 'utf8').split('\n').filter((l) => l !== '').sort())
    }
    expect(kept[0]!.length).toBeGreaterThan(0)
    expect(kept[1]).toEqual(kept[0])
  })

  it('an --out that cannot be written is refused before the subtasks start, as at --parallelism 1', () => {
    // It ran the whole recording on every subtask first, then said its folder did not exist.
    const out = join(tmp, 'missing', 'out.jsonl')
    const job = join(tmp, 'says-it-ran.ts')
    // What the job prints goes to standard error: a line of it means the run happened.
    writeFileSync(job, readFileSync(join(root, 'examples/running-count.ts'), 'utf8').replace('const current =', "console.log('ran'); const current ="))
    const at = (n: string): ReturnType<typeof riffle> => riffle(['run', job, 'recordings/clicks-small.jsonl', '--parallelism', n, '--out', out])
    const two = at('2')
    expect(two.status).toBe(2)
    expect(two.stderr).toBe(at('1').stderr)
    expect(two.stderr).not.toContain('ran')
  })

  it('a failed run at --parallelism 2 leaves no temporary file beside --out', () => {
    const dir = mkdtempSync(join(tmp, 'tempfile-'))
    const job = join(dir, 'job.ts')
    writeFileSync(job, 'this is not TypeScript {')
    const r = riffle(['run', job, 'recordings/clicks-small.jsonl', '--parallelism', '2', '--out', join(dir, 'out.jsonl')])
    expect(r.status).toBe(2)
    expect(readdirSync(dir)).toEqual(['job.ts'])
  })

  it("says a Python job's portability warning once, naming the job file as typed, however many subtasks hit it", () => {
    for (const p of ['1', '2']) {
      const r = riffle(['run', 'examples/sessionizer-seed.py', 'recordings/clicks.jsonl', '--parallelism', p, '--out', '/dev/null'])
      expect(r.status).toBe(0)
      const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning: '))
      expect(warnings).toEqual([expect.stringMatching(/^warning: examples\/sessionizer-seed\.py:35: out\.collect\(\.\.\.\) is the seed article's form and will not run on a Flink cluster/)])
    }
  }, 120_000)

  it('riffle test compares as a multiset above --parallelism 1, and still finds a missing record', () => {
    const golden = join(tmp, 'golden.jsonl')
    expect(riffle(['test', 'examples/running-count.ts', 'recordings/clicks.jsonl', '--expect', golden, '--update']).status).toBe(0)
    const ok = riffle(['test', 'examples/running-count.ts', 'recordings/clicks.jsonl', '--expect', golden, '--parallelism', '2'])
    expect(ok.stdout).toMatch(/ok: .* \(as a multiset/)
    expect(ok.status).toBe(0)
    const lines = runExample('running-count.ts', 'clicks.jsonl').map((l) => JSON.stringify(l))
    writeFileSync(golden, `${lines.slice(1).join('\n')}\n`)
    const diff = riffle(['test', 'examples/running-count.ts', 'recordings/clicks.jsonl', '--expect', golden, '--parallelism', '2'])
    expect(diff.status).toBe(1)
    expect(diff.stdout).toMatch(/compared as a multiset/)
  }, 60_000)

  it('refuses what it does not support yet, and a job with two keyBy calls, with exit 2', () => {
    const r = riffle(['run', 'examples/running-count.ts', 'recordings/clicks.jsonl', '--parallelism', '2', '--backend', 'leveldb', '--state-dir', join(tmp, 'state')])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/--parallelism above 1 does not support --state-dir/)
    expect(riffle(['run', 'examples/running-count.ts', 'recordings/clicks.jsonl', '--parallelism', '0']).stderr).toMatch(/--parallelism must be a whole number from 1 to 128/)
    const twoKeyBys = join(tmp, 'two-keybys.ts')
    writeFileSync(twoKeyBys, `import { KeyedProcessFunction } from 'riffle'
class Pass extends KeyedProcessFunction<unknown, unknown, unknown> { processElement(e: unknown, _ctx: unknown, out: { collect(v: unknown): void }) { out.collect(e) } }
export default (env: any) => env.fromRecording().keyBy((e: any) => e.user_id).process(new Pass()).keyBy((e: any) => e.type).process(new Pass())
`)
    const k = riffle(['run', twoKeyBys, 'recordings/clicks.jsonl', '--parallelism', '2'])
    expect(k.stderr).toMatch(/--parallelism above 1 .* 2 keyBy calls/)
    expect(k.status).toBe(2)
  }, 60_000)
})
