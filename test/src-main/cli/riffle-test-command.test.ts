// `npx riffle test JOB RECORDING --expect golden.jsonl`, spawned as a user (or CI) runs it:
// exit 0 when the output matches, 1 with a readable diff when it does not, 2 on bad arguments or a
// missing golden file; --update writes the golden file. The seed's buggy sessionizer against the fixed
// one's golden file is the case the issue is about.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { diffLines, renderDiff } from '../../../src-main/cli/golden'
import { tempDir } from '../helpers/run-inline'

const root = join(__dirname, '../../..')
beforeAll(() => { execFileSync(process.execPath, [join(root, 'bin/riffle-build.mjs')], { cwd: root, stdio: 'pipe' }) })

function riffle(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const fixed = join(root, 'examples/sessionizer-fixed.ts')
const seed = join(root, 'examples/sessionizer-seed.ts')
const clicks = join(root, 'recordings/clicks-small.jsonl')

describe('riffle test', () => {
  it('--update writes the golden file (the same lines riffle run --out writes), then the same run passes with 0', () => {
    const golden = join(tempDir(), 'sessions.golden.jsonl')
    const u = riffle('test', fixed, clicks, '--expect', golden, '--update')
    expect(u.code, u.stderr).toBe(0)
    expect(u.stdout).toMatch(/wrote \d+ output lines to/)
    const viaRun = riffle('run', fixed, clicks, '--out', '-').stdout
    expect(readFileSync(golden, 'utf8')).toBe(viaRun)
    const t = riffle('test', fixed, clicks, '--expect', golden)
    expect(t.code, t.stdout + t.stderr).toBe(0)
    expect(t.stdout).toMatch(/ok: \d+ output lines match/)
  })

  it('exits 1 with line numbers, expected / actual and counts when the output differs (the seed bug against the fix)', () => {
    const golden = join(tempDir(), 'fixed.golden.jsonl')
    expect(riffle('test', fixed, clicks, '--expect', golden, '--update').code).toBe(0)
    const r = riffle('test', seed, clicks, '--expect', golden)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/riffle test: FAILED: the output differs from .*fixed\.golden\.jsonl/)
    expect(r.stdout).toMatch(/expected \d+ lines, got \d+: \d+ changed, \d+ removed \(expected only\), \d+ added \(actual only\)/)
    expect(r.stdout).toMatch(/ {4}expected: \{"value":\{"user_id"/)
    expect(r.stdout).toMatch(/ {4}actual: {3}\{"value":\{"user_id"/)
    expect(r.stdout).toMatch(/line \d+/)
  })

  it('a golden file given as a named pipe (--expect <(git show main:golden.jsonl)) is read once and matches', () => {
    // It was read before the run (to check its lines) and again after it, from a pipe by then empty: "expected 0
    // lines, got 8", exit 1, for an output equal to it.
    const dir = tempDir()
    const golden = join(dir, 'g.jsonl')
    expect(riffle('test', fixed, clicks, '--expect', golden, '--update').code).toBe(0)
    const r = spawnSync('bash', ['-c', 'node bin/riffle.mjs test "$1" "$2" --expect <(cat "$3")', 'riffle', fixed, clicks, golden], { cwd: root, encoding: 'utf8', timeout: 60_000 })
    expect(r.status, r.stdout + r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^riffle test: ok: \d+ output lines match \/dev\/fd\/\d+\n$/)
  })

  it('a golden file that differs only in key order and spacing still matches', () => {
    const dir = tempDir()
    const golden = join(dir, 'g.jsonl')
    const lines = riffle('run', fixed, clicks, '--out', '-').stdout.trim().split('\n')
    const reordered = lines.map((l) => { const o = JSON.parse(l); return JSON.stringify({ timestamp: o.timestamp, value: o.value }, null, 0).replace(/,/g, ', ') })
    writeFileSync(join(dir, 'g.jsonl'), reordered.join('\r\n') + '\r\n')
    const r = riffle('test', fixed, clicks, '--expect', golden)
    expect(r.code, r.stdout).toBe(0)
  })

  it('a golden file written at --parallelism 2 fails at 1 with one message saying only the order differs, not a line per move', () => {
    // running-count's two users' counts interleave at 1; at 2 each subtask's keys come after the other's.
    const golden = join(tempDir(), 'p2.golden.jsonl')
    const count = join(root, 'examples/running-count.ts')
    expect(riffle('test', count, clicks, '--expect', golden, '--update', '--parallelism', '2').code).toBe(0)
    const n = readFileSync(golden, 'utf8').trim().split('\n').length
    const r = riffle('test', count, clicks, '--expect', golden)
    expect(r.code).toBe(1)
    expect(r.stdout).not.toMatch(/moved|line \d+/)
    expect(r.stdout).toBe(`riffle test: FAILED: the output has the same ${n} lines as ${golden}, in another order\n` +
      '  only the order differs (compared in order at --parallelism 1), as when the golden file was written at another --parallelism:\n' +
      '  above 1 the subtasks\' outputs follow one another, and riffle test compares them as a multiset\n' +
      '  (the lines name no key, so whether each key\'s own order is the same is not checked here)\n' +
      '  to fix: run with the --parallelism the golden file was written at, or rewrite it at this one with --update\n')
  })

  it('a golden file in another order with a line changed still gets the diff, not the order-only message', () => {
    const golden = join(tempDir(), 'p2.golden.jsonl')
    const count = join(root, 'examples/running-count.ts')
    expect(riffle('test', count, clicks, '--expect', golden, '--update', '--parallelism', '2').code).toBe(0)
    writeFileSync(golden, readFileSync(golden, 'utf8').replace('["u2",3]', '["u2",33]'))
    const r = riffle('test', count, clicks, '--expect', golden)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/FAILED: the output differs from/)
    expect(r.stdout).toMatch(/1 changed/)
    expect(r.stdout).not.toMatch(/same \d+ lines/)
  })

  it('--max-diffs limits the differences printed and says how many more there are', () => {
    const dir = tempDir()
    const golden = join(dir, 'g.jsonl')
    writeFileSync(golden, Array.from({ length: 30 }, (_, i) => JSON.stringify({ value: i, timestamp: null })).join('\n') + '\n')
    const r = riffle('test', fixed, clicks, '--expect', golden, '--max-diffs', '3')
    expect(r.code).toBe(1)
    expect(r.stdout.match(/^ {2}(line|actual line) \d+/gm)!.length).toBe(3)
    expect(r.stdout).toMatch(/… and \d+ more differences/)
  })

  it('exits 2 for a missing golden file (without --update), a missing --expect, and --expect on riffle run', () => {
    const missing = join(tempDir(), 'nope.jsonl')
    const a = riffle('test', fixed, clicks, '--expect', missing)
    expect(a.code).toBe(2)
    expect(a.stderr).toMatch(/golden file not found: .*nope\.jsonl \(run with --update/)
    expect(existsSync(missing)).toBe(false)
    const b = riffle('test', fixed, clicks)
    expect(b.code).toBe(2)
    expect(b.stderr).toMatch(/test needs --expect/)
    const c = riffle('run', fixed, clicks, '--expect', missing)
    expect(c.code).toBe(2)
    expect(c.stderr).toMatch(/belong to "riffle test"/)
  })

  it('exits 2 before running for an --expect that is a folder, with or without --update, naming --expect', () => {
    // It ran the job, then died with INTERNAL and a stack (EISDIR), or with --update blamed "--out".
    const dir = tempDir()
    for (const update of [[], ['--update']]) {
      const r = riffle('test', fixed, clicks, '--expect', dir, ...update)
      expect(r.code, r.stderr).toBe(2)
      expect(r.stderr).toBe(`riffle: BAD_ARGUMENT: --expect ${dir} is a folder, not a golden file\n`)
    }
  })

  it('--update into a folder that does not exist exits 2 before running, naming --expect', () => {
    // It ran the job, then failed with "cannot update the golden file: cannot write --out ...".
    const golden = join(tempDir(), 'nodir', 'g.jsonl')
    const r = riffle('test', fixed, clicks, '--expect', golden, '--update')
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toBe(`riffle: BAD_ARGUMENT: --expect ${golden}: its folder ${join(golden, '..')} does not exist\n`)
  })

  it('--findings=error: a matching output with a warning exits 1 and says why, as riffle run does', () => {
    // It printed "riffle test: ok: ... match" and exited 1 without a word on what failed.
    const golden = join(tempDir(), 'seed.golden.jsonl')
    expect(riffle('test', seed, clicks, '--expect', golden, '--update').code).toBe(0)
    const r = riffle('test', seed, clicks, '--expect', golden, '--findings=error')
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/ok: \d+ output lines match/)
    expect(r.stderr).toContain('riffle: --findings=error: the run raised a warning\n')
  })

  it('a golden file with a line that is not JSON (a merge conflict marker) exits 2 before running, naming its line', () => {
    // The marker was reported as an output line the run "removed", among the real differences.
    const golden = join(tempDir(), 'g.jsonl')
    expect(riffle('test', fixed, clicks, '--expect', golden, '--update').code).toBe(0)
    const lines = readFileSync(golden, 'utf8').split('\n')
    writeFileSync(golden, [lines[0], '<<<<<<< HEAD', ...lines.slice(1)].join('\n'))
    const r = riffle('test', fixed, clicks, '--expect', golden)
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toBe(`riffle: BAD_ARGUMENT: ${golden}:2 is not a JSON line ("<<<<<<< HEAD"): a golden file holds the lines riffle run --out writes; fix it, or rewrite it with --update\n`)
    expect(riffle('test', fixed, clicks, '--expect', golden, '--update').code).toBe(0)
    expect(riffle('test', fixed, clicks, '--expect', golden).code).toBe(0)
  })

  it('a golden file saved by an editor with a byte-order mark or blank lines at its end still matches', () => {
    // Line 1 was "removed" and "added" with no visible difference (the BOM), and each blank line at the end was an
    // expected line "missing from the output".
    const dir = tempDir()
    const golden = join(dir, 'g.jsonl')
    expect(riffle('test', fixed, clicks, '--expect', golden, '--update').code).toBe(0)
    const text = readFileSync(golden, 'utf8')
    for (const edited of [`\uFEFF${text}`, `${text}\n\n`, `\uFEFF${text.replaceAll('\n', '\r\n')}\r\n  \r\n`]) {
      writeFileSync(golden, edited)
      const r = riffle('test', fixed, clicks, '--expect', golden)
      expect(r.code, r.stdout).toBe(0)
    }
  })

  it('a job that fails names no output file of its own when riffle test had no --out (its temporary one is gone)', () => {
    const dir = tempDir()
    const job = join(dir, 'job.ts')
    writeFileSync(job, readFileSync(fixed, 'utf8').replace('processElement(event: Click, ctx: Context<string>, out: Collector<Session>) {',
      "processElement(event: Click, ctx: Context<string>, out: Collector<Session>) {\n    if (event.user_id === 'u2') throw new Error('no u2')"))
    const golden = join(dir, 'golden.jsonl')
    writeFileSync(golden, '')
    for (const args of [[], ['--parallelism', '2']]) {
      const r = riffle('test', job, clicks, '--expect', golden, ...args)
      expect(r.code, r.stderr).toBe(1)
      expect(r.stderr).toContain('riffle: JOB_THREW: processElement threw Error: no u2')
      expect(r.stderr).not.toContain('actual.jsonl')
      expect(r.stderr).not.toMatch(/partial|was not (changed|created)/)
    }
  })

  it('--help lists riffle test and its options', () => {
    const r = riffle('--help')
    expect(r.stdout).toMatch(/npx riffle test JOB RECORDING --expect GOLDEN\.jsonl \[--update\]/)
    expect(r.stdout).toMatch(/--update {2,}write the output to the golden file/)
  })
})

describe('golden diff', () => {
  const line = (value: unknown, timestamp: number | null = null, tag?: string): string =>
    JSON.stringify(tag === undefined ? { value, timestamp } : { tag, value, timestamp })

  it('pairs lines by tag and timestamp: a line shifted by an added one is no difference; a changed one lists its fields', () => {
    const expected = [line({ u: 'a', end: 5, n: 2 }, 100), line({ u: 'b', end: 7, n: 1 }, 200), line({ u: 'c', end: 9, n: 1 }, 300)]
    const actual = [line({ u: 'z', end: 1, n: 1 }, 50), line({ u: 'a', end: 5, n: 2 }, 100), line({ u: 'b', end: 8, n: 3 }, 260), line({ u: 'c', end: 9, n: 1 }, 300)]
    const d = diffLines(expected, actual)
    expect([d.changed, d.removed, d.added, d.moved]).toEqual([1, 0, 1, 0])
    expect(d.entries).toEqual([
      { kind: 'added', actualLine: 1, actual: actual[0] },
      { kind: 'changed', expectedLine: 2, actualLine: 3, expected: expected[1], actual: actual[2], fields: [
        { path: 'timestamp', previous: 200, current: 260 }, { path: 'end', previous: 7, current: 8 }, { path: 'n', previous: 1, current: 3 },
      ] },
    ])
  })

  it('pairs only lines that share a field: unrelated lines are a removal and an addition; side outputs pair by tag', () => {
    const d = diffLines([line({ a: 1 }, 10), line('x', 10, 'side')], [line({ b: 2 }, 10), line('y', 10, 'side')])
    expect([d.changed, d.removed, d.added]).toEqual([0, 2, 2])
    expect(diffLines([line({ a: 1, b: 2 }, 10)], ['{ "timestamp": 10, "value": { "b": 2, "a": 1 } }']).equal).toBe(true)
    expect(diffLines([], []).equal).toBe(true)
  })

  it('a tuple line (a JSON array) with one element changed is a changed line, not a removal and an addition', () => {
    // A PyFlink job yields tuples: ("u2", 2) became ("u2", 999) at the same place and read "0 changed, 1 removed, 1 added".
    const expected = [line(['u1', 1]), line(['u2', 999]), line(['u1', 2])]
    const actual = [line(['u1', 1]), line(['u2', 2]), line(['u1', 2])]
    const d = diffLines(expected, actual)
    expect([d.changed, d.removed, d.added, d.moved]).toEqual([1, 0, 0, 0])
    expect(d.entries).toEqual([{ kind: 'changed', expectedLine: 2, actualLine: 2, expected: expected[1], actual: actual[1],
      fields: [{ path: '', previous: ['u2', 999], current: ['u2', 2] }] }])
    expect(renderDiff(d, 'g.jsonl')).toContain('1 changed, 0 removed (expected only), 0 added (actual only)')
  })

  it('says when the same line is at another place', () => {
    const a = [line({ k: 1 }, 10), line({ k: 2 }, 10)]
    const d = diffLines(a, [a[1], a[0]])
    expect(d.equal).toBe(false)
    expect(d.moved).toBe(1)
    expect(renderDiff(d, 'g.jsonl')).toMatch(/moved to actual line \d \(same line, another place\)/)
  })

  it('one line changed into the value of a later line is that one change, not a move and a change', () => {
    // A running count: golden line 3 hand-edited from ["u1",2] to ["u1",9], which is also line 5's value. Line 3 was
    // paired with line 5's identical twin ("moved to actual line 5") and line 5 with line 3 ("changed"): two
    // differences, one of them a move that did not happen.
    const actual = [line(['u1', 1]), line(['u2', 1]), line(['u1', 2]), line(['u2', 2]), line(['u1', 9])]
    const expected = actual.slice()
    expected[2] = line(['u1', 9])
    const d = diffLines(expected, actual)
    expect([d.changed, d.removed, d.added, d.moved]).toEqual([1, 0, 0, 0])
    expect(d.entries).toEqual([{ kind: 'changed', expectedLine: 3, actualLine: 3, expected: expected[2], actual: actual[2],
      fields: [{ path: '', previous: ['u1', 9], current: ['u1', 2] }] }])
  })

  it('prints the field differences of a changed line', () => {
    const d = diffLines([line({ user_id: 'u1', session_end: 5 }, 100)], [line({ user_id: 'u1', session_end: 9 }, 100)])
    expect(renderDiff(d, 'g.jsonl')).toContain('      session_end: 5 → 9')
  })
})
