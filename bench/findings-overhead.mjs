// The cost of findings (on by default) on an ordinary run: `riffle run` of the reference sessionizer at a
// base commit (the commit before findings existed, exported with `git archive` beside this checkout, same
// node_modules) against this checkout, alternating, N runs each; the medians of the reported run time are
// compared. The goal: this checkout at most 5 % slower.
//   node bench/findings-overhead.mjs [--base COMMIT] [--events N] [--users N] [--runs N] [--repo DIR]
// (--repo: the git checkout to export the base from, when this copy is itself an export.)
// Also called at the end of `npm run bench` (bench/run.mjs).
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, realpathSync, symlinkSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = join(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * The code just before findings, unless --base names one: on a branch, the commit before its first "Contract:"
 * commit; once merged, the first-parent commit before the merge that brought that commit in (so the base has
 * every other change the line of history has, and only findings differ).
 */
function defaultBase(root) {
  const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim()
  const first = git('log', '--reverse', '--format=%H', '--grep=^Contract: step trace', 'HEAD').split('\n')[0]
  if (!first) return git('rev-parse', 'HEAD')
  const firstParents = git('rev-list', '--first-parent', 'HEAD').split('\n')
  if (firstParents.includes(first)) return git('rev-parse', `${first}^`)
  // The oldest first-parent commit that contains it is the merge that brought it in (--ancestry-path with
  // --first-parent comes back empty when main was fast-forwarded onto an integration branch).
  const contains = (c) => spawnSync('git', ['merge-base', '--is-ancestor', first, c], { cwd: root }).status === 0
  const merge = firstParents.reverse().find(contains)
  return git('rev-parse', `${merge}^1`)
}

function exportCommit(root, commit) {
  const dir = join('/tmp', `riffle-base-${commit.slice(0, 12)}`)
  if (!existsSync(join(dir, 'package.json'))) {
    mkdirSync(dir, { recursive: true })
    execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C ${dir}`], { cwd: root })
    symlinkSync(realpathSync(join(root, 'node_modules')), join(dir, 'node_modules'))
  }
  return dir
}

function runOnce(root, job, recording) {
  const r = spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), 'run', job, recording, '--out', '/dev/null'], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`riffle run failed in ${root}:\n${r.stderr}`)
  return Number(/done in ([\d.]+) s/.exec(r.stderr)?.[1]) * 1000
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

export async function runFindingsOverhead({ root = here, repo = root, recording, base, runs = 3, log = (s) => process.stderr.write(`${s}\n`) }) {
  const commit = execFileSync('git', ['rev-parse', base ?? defaultBase(repo)], { cwd: repo, encoding: 'utf8' }).trim()
  const baseDir = exportCommit(repo, commit)
  const job = join(root, 'bench/reference-sessionizer.ts')
  // Each checkout builds its own command line first (a build is not part of a run's time).
  runOnce(baseDir, job, recording)
  runOnce(root, job, recording)
  const times = { base: [], current: [] }
  for (let i = 0; i < runs; i++) {
    log(`findings overhead: run ${i + 1}/${runs} (base ${commit.slice(0, 8)}, then this checkout)…`)
    times.base.push(runOnce(baseDir, job, recording))
    times.current.push(runOnce(root, job, recording))
  }
  const b = median(times.base)
  const c = median(times.current)
  const overhead = (c / b - 1) * 100
  console.log(`\nFindings on (the default) vs ${commit.slice(0, 8)} (before findings), ${runs} alternating runs each, medians:`)
  console.log(`| checkout | runs (s) | median |`)
  console.log('|---|---|---:|')
  console.log(`| base ${commit.slice(0, 8)} | ${times.base.map((t) => (t / 1000).toFixed(2)).join(', ')} | ${(b / 1000).toFixed(2)} s |`)
  console.log(`| this checkout | ${times.current.map((t) => (t / 1000).toFixed(2)).join(', ')} | ${(c / 1000).toFixed(2)} s |`)
  console.log(`ordinary run overhead: ${overhead >= 0 ? '+' : ''}${overhead.toFixed(1)} % (goal ≤ 5 %)`)
  return { base: b, current: c, overhead }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const arg = (n) => { const i = args.indexOf(n); return i >= 0 ? args[i + 1] : undefined }
  const events = Number(arg('--events') ?? 2_000_000)
  const users = Number(arg('--users') ?? 100_000)
  const outDir = join(arg('--repo') ?? here, 'bench/out')
  mkdirSync(outDir, { recursive: true })
  const recording = join(outDir, `clicks-${events}-${users}.jsonl`)
  if (!existsSync(recording)) {
    execFileSync(process.execPath, [join(here, 'scripts/gen-recording.mjs'), '--events', String(events), '--users', String(users), '--seed', '7', '--out', recording], { stdio: 'inherit' })
  }
  await runFindingsOverhead({ recording, repo: arg('--repo'), base: arg('--base'), runs: Number(arg('--runs') ?? 3) })
}
