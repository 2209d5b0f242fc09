// The command line as the riffle-run-*.test.ts files run it: `node bin/riffle.mjs ...` from the project root, after
// one build of its bundles, with the recording lines their script jobs (script-job.ts) read.
import { execFileSync, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { beforeAll } from 'vitest'

export const ROOT = join(__dirname, '../../..')

/** Builds the command line's bundles once before the file's tests. */
export function buildRiffleOnce(): void {
  beforeAll(() => { execFileSync(process.execPath, [join(ROOT, 'bin/riffle-build.mjs')], { cwd: ROOT, stdio: 'pipe' }) })
}

/** `riffle ARGS...`, waited for (2 minutes at most: some run a step with 100,000 calls on a loaded machine). */
export function riffle(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/riffle.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** Three records for scriptJob(): timers in both domains and a side output. */
export const SCRIPT_LINES = [{ k: 'a', ts: 1, reg: [10], side: true }, { k: 'b', ts: 2, regPt: [1000] }, { k: 'a', ts: 20 }]
