// A TypeScript job in a folder whose name has spaces, non-ASCII letters, '#' and '%': messages name it as the user
// did. esbuild writes a source map's sources as relative URLs ('%C3%BC', '%23'), and they were shown so
// ("d%C3%ADr%20%C3%BC/job%20%C3%BC.ts:35" in a finding, an error, a trace), and, no longer equal to the job's
// path, a trace lost its "lines run:" line. (A Python job's paths never went through a URL.)
import { cpSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/run-inline'
import { buildRiffleOnce, riffle, ROOT } from '../helpers/riffle-cli'

buildRiffleOnce()

const CLICKS = join(ROOT, 'recordings/clicks-small.jsonl')

function folder(): string {
  const d = join(tempDir(), 'dír ü 日本 #1 50%')
  mkdirSync(d)
  return d
}

describe('a TypeScript job at a path with spaces, unicode, # and %', () => {
  it('an error names the job file as given, at its line and column', () => {
    const job = join(folder(), 'job ü #2.ts')
    writeFileSync(job, 'export default (env: any) => env.fromRecording()\n  .map((e: any) => { if (e.ts > 1708848090000) throw new Error("boom"); return e })\n')
    const r = riffle('run', job, CLICKS)
    expect(r.code).toBe(1)
    expect(r.stderr.split('\n')[0]).toBe(`riffle: JOB_THREW: map threw Error: boom at ${job}:2:54`)
  })

  it('a trace lists the lines run and names the job file as given; so do the findings', () => {
    const job = join(folder(), 'seed ü #2.ts')
    cpSync(join(ROOT, 'examples/sessionizer-seed.ts'), job)
    const plain = join(tempDir(), 'seed.ts')
    cpSync(join(ROOT, 'examples/sessionizer-seed.ts'), plain)
    const t = riffle('trace', job, CLICKS, '--step', '3')
    expect(t.code, t.stderr).toBe(0)
    // The same trace as of the job at a plain path, but for the path.
    expect(t.stdout).toBe(riffle('trace', plain, CLICKS, '--step', '3').stdout.split(plain).join(job))
    expect(t.stdout).toMatch(/\n {2}lines run: \d/)
    expect(t.stdout).toContain(`\n  ${job}:25  ctx.timestamp()`)
    const r = riffle('run', job, CLICKS)
    expect(r.stderr).toContain(`  warning  ${job}:35  deleteEventTimeTimer(t) found no timer at t`)
  })

  it('a job named in capitals (JOB.TS, as some Windows tools save it) runs as its lower-case twin does', () => {
    const job = join(folder(), 'COUNT.TS')
    cpSync(join(ROOT, 'examples/running-count.ts'), job)
    const r = riffle('run', job, CLICKS, '--out', '-')
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe(riffle('run', join(ROOT, 'examples/running-count.ts'), CLICKS, '--out', '-').stdout)
  })
})
