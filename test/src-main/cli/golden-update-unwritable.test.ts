// `riffle test --update` into a folder where no file can be created: refused before the run (exit 2), naming
// --expect, as an --out there is. It ran the whole job first and then said "cannot write --out GOLDEN", an option
// the user never gave, after a run that could have taken an hour.
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tempDir } from '../helpers/run-inline'
import { buildRiffleOnce, riffle, ROOT } from '../helpers/riffle-cli'

buildRiffleOnce()

describe('riffle test --update with a golden file that cannot be written', () => {
  it.runIf(process.platform === 'linux')('in /proc: exit 2 before the run, naming --expect and the folder', () => {
    const golden = '/proc/riffle-golden.jsonl'
    const r = riffle('test', join(ROOT, 'examples/running-count.ts'), join(ROOT, 'recordings/clicks-small.jsonl'), '--expect', golden, '--update')
    expect(r.code, r.stderr).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(`riffle: BAD_ARGUMENT: cannot write --expect ${golden}: a file cannot be created in its folder /proc (ENOENT: no such file or directory); ` +
      'Riffle writes --expect beside it first and renames it over it when the run succeeds\n')
    expect(existsSync(golden)).toBe(false)
  })

  it('opened before the run: a run that fails leaves the old golden file as it was and nothing beside it', () => {
    const d = tempDir()
    const job = join(d, 'throws.ts')
    writeFileSync(job, "export default (env: any) => env.fromRecording().map((e: any) => { throw new Error('no ' + e.user_id) })\n")
    const golden = join(d, 'g.jsonl')
    writeFileSync(golden, '{"value":1,"timestamp":null}\n')
    const r = riffle('test', job, join(ROOT, 'recordings/clicks-small.jsonl'), '--expect', golden, '--update')
    expect(r.code, r.stderr).toBe(1)
    expect(readFileSync(golden, 'utf8')).toBe('{"value":1,"timestamp":null}\n')
    expect(readdirSync(d).sort()).toEqual(['g.jsonl', 'throws.ts'])
  })
})
