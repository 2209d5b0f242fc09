// `riffle run --parallelism 2` against `--parallelism 1` through the command line: every example (TypeScript and
// Python) gives the same output records (a multiset), each key's in the same order, the same output on every run,
// and the same output, summary and errors whether the main thread routes the lines or every subtask reads the whole
// recording (RIFFLE_NO_ROUTE=1); riffle test compares as a multiset; what is not supported is refused up front.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { root } from '../../examples/run-cli'
import { comparedRecording, OWN_RECORDING } from '../../examples/example-recordings'
import { firstDifference, runParallel, sortedLines } from '../helpers/parallel-run'

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

/** Every example, TypeScript and Python (the .py twin outputs the same values). */
const EXAMPLES: string[] = ['.ts', '.py'].flatMap((ext) => Object.keys(OWN_RECORDING).map((name) => name + ext))

/** The seed sessionizer's portability warning, the only warning line a run of its Python twin may print. */
const SEED_PY_WARNING = /^warning: examples\/sessionizer-seed\.py:35: out\.collect\(\.\.\.\) is the seed article's form and will not run on a Flink cluster/

describe('riffle run --parallelism 2', () => {
  // One test per example runs it three times (at 1; at 2 with the main thread routing the lines; at 2 with every
  // subtask reading the whole recording) and checks every property on those runs. "The same on every run": the two
  // runs at 2 are byte-identical, and they differ only in who reads the lines. The TypeScript examples read their
  // whole recording; the Python ones a slice of clicks.jsonl (example-recordings.ts), as a Python run is about ten
  // times slower per event and each of its subtasks starts Pyodide.
  for (const job of EXAMPLES) {
    const recording = comparedRecording(job)
    it(`${job} on ${basename(recording)}: the same records as --parallelism 1, each key's in the same order, the same on every run and as every subtask reading the whole recording`, () => {
      const one = runParallel(tmp, `examples/${job}`, recording, 1, true)
      const two = runParallel(tmp, `examples/${job}`, recording, 2, true)
      expect(one.status).toBe(0)
      expect(two.status).toBe(0)
      expect(sortedLines(one.out).length).toBeGreaterThan(0)
      expect(sortedLines(two.out)).toEqual(sortedLines(one.out))
      const perKey = (text: string): Map<string, string[]> => {
        const m = new Map<string, string[]>()
        for (const l of text.split('\n').filter((x) => x !== '')) {
          const k = JSON.stringify(KEY_OF[job.replace(/\.(ts|py)$/, '')]((JSON.parse(l) as { value: unknown }).value))
          m.set(k, [...(m.get(k) ?? []), l])
        }
        return m
      }
      expect(perKey(two.out)).toEqual(perKey(one.out))
      // Routing (cli/line-router.ts) against every subtask reading the whole recording: byte-identical.
      const whole = runParallel(tmp, `examples/${job}`, recording, 2, false)
      expect([two.saidRouted, whole.saidRouted]).toEqual([true, false])
      expect(firstDifference(two.out, whole.out)).toBe(null)
      expect(two.stdout).toBe(whole.stdout)
      expect(two.stderr).toBe(whole.stderr)
      // A Python job's portability warning is said once, naming the job file as typed, however many subtasks hit it.
      if (job === 'sessionizer-seed.py') {
        for (const r of [one, two]) expect(r.stderr.split('\n').filter((l) => l.startsWith('warning: '))).toEqual([expect.stringMatching(SEED_PY_WARNING)])
      }
    }, job.endsWith('.py') ? 240_000 : 120_000)
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
      expect(r.stderr).toContain(`are in ${out}.partial (${out} was not created)`)
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

  it('riffle test compares as a multiset above --parallelism 1, and still finds a missing record', () => {
    const golden = join(tmp, 'golden.jsonl')
    expect(riffle(['test', 'examples/running-count.ts', 'recordings/clicks.jsonl', '--expect', golden, '--update']).status).toBe(0)
    const ok = riffle(['test', 'examples/running-count.ts', 'recordings/clicks.jsonl', '--expect', golden, '--parallelism', '2'])
    expect(ok.stdout).toMatch(/ok: .* \(as a multiset/)
    expect(ok.status).toBe(0)
    // The golden file --update wrote holds riffle run's --out lines (riffle-test-command.test.ts): one left out.
    const lines = readFileSync(golden, 'utf8').split('\n').filter((l) => l !== '')
    expect(lines.length).toBeGreaterThan(1)
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
