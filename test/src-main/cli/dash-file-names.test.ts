// A file whose name starts with '-' (a recording named -x.jsonl, as `date +-%s`-style captures make them) given as
// an argument: parseArgs takes it for options and the user read "unknown option -x", of a file that is there. The
// refusal now says it is a file and how to give it (after --, or as ./-x.jsonl); `--` itself already worked.
import { spawnSync } from 'node:child_process'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/run-inline'
import { buildRiffleOnce, ROOT } from '../helpers/riffle-cli'

buildRiffleOnce()

function riffleIn(cwd: string, ...args: string[]): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/riffle.mjs'), ...args], { cwd, encoding: 'utf8', timeout: 60_000 })
  return { code: r.status, stderr: r.stderr }
}

describe('a recording whose name starts with -', () => {
  it('given bare: exit 2, saying it is a file and how to give it', () => {
    const d = tempDir()
    copyFileSync(join(ROOT, 'recordings/clicks-small.jsonl'), join(d, '-x.jsonl'))
    const r = riffleIn(d, 'run', join(ROOT, 'examples/running-count.ts'), '-x.jsonl')
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('riffle: unknown option -x: "-x.jsonl" is a file here; to give it, put -- before it or write ./-x.jsonl (see npx riffle run --help)\n')
  })

  it('after -- or as ./-x.jsonl it runs', () => {
    const d = tempDir()
    copyFileSync(join(ROOT, 'recordings/clicks-small.jsonl'), join(d, '-x.jsonl'))
    expect(riffleIn(d, 'run', join(ROOT, 'examples/running-count.ts'), '--', '-x.jsonl').code).toBe(0)
    expect(riffleIn(d, 'run', join(ROOT, 'examples/running-count.ts'), './-x.jsonl').code).toBe(0)
  })

  it('an unknown option that is no file is said as before', () => {
    const r = riffleIn(tempDir(), 'run', join(ROOT, 'examples/running-count.ts'), 'rec.jsonl', '-x')
    expect(r.stderr).toBe('riffle: unknown option -x (see npx riffle run --help)\n')
  })
})
