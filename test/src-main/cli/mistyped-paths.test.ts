// A path that does not exist but is one typo away from one that does (a letter dropped, doubled or swapped, in the
// file's name or a folder's) gets a "did you mean" naming the one that exists, as a mistyped option does
// (parse-args-message.ts): the job, the recording, --from-savepoint, the golden file of riffle test, --out's folder
// and riffle export's job. A path near nothing is refused as before, without a guess.
import { mkdirSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/run-inline'
import { buildRiffleOnce, riffle } from '../helpers/riffle-cli'

buildRiffleOnce()

const JOB = 'examples/running-count.ts'
const REC = 'recordings/clicks-small.jsonl'

describe('a mistyped path', () => {
  it.each<[string, string[], string]>([
    ['the job (a letter dropped in its folder)', ['run', 'exmples/running-count.ts', REC], 'riffle: BAD_ARGUMENT: job file not found: exmples/running-count.ts (did you mean examples/running-count.ts?)\n'],
    ['the job (two letters swapped)', ['run', 'examples/runnign-count.ts', REC], 'riffle: BAD_ARGUMENT: job file not found: examples/runnign-count.ts (did you mean examples/running-count.ts?)\n'],
    ['the recording', ['run', JOB, 'recordings/clicks-smal.jsonl'], 'riffle: RECORDING_NOT_FOUND: recording not found: recordings/clicks-smal.jsonl (did you mean recordings/clicks-small.jsonl?)\n'],
    ['the recording of trace', ['trace', JOB, 'recordings/click-small.jsonl', '--step', '1'], 'riffle: RECORDING_NOT_FOUND: recording not found: recordings/click-small.jsonl (did you mean recordings/clicks-small.jsonl?)\n'],
    ['the golden file', ['test', JOB, REC, '--expect', 'recordings/clicks-smal.jsonl'], 'riffle: BAD_ARGUMENT: golden file not found: recordings/clicks-smal.jsonl (did you mean recordings/clicks-small.jsonl?) (run with --update to create it from this run\'s output)\n'],
    ['--out\'s folder', ['run', JOB, REC, '--out', 'recordngs/out.jsonl'], 'riffle: BAD_ARGUMENT: cannot write --out recordngs/out.jsonl: its folder recordngs does not exist (did you mean recordings?)\n'],
  ])('%s', (_what, args, said) => {
    const r = riffle(...args)
    expect(r.stderr).toBe(said)
    expect(r.code).toBe(2)
  })

  it('--from-savepoint: a savepoint one letter off', () => {
    const d = tempDir()
    mkdirSync(join(d, 'savepoint-1'))
    const r = riffle('run', JOB, REC, '--from-savepoint', join(d, 'savepont-1'))
    expect(r.stderr).toBe(`riffle: SAVEPOINT_INVALID: savepoint not found: ${join(d, 'savepont-1')} (did you mean ${join(d, 'savepoint-1')}?)\n`)
    expect(r.code).toBe(2)
  })

  it('riffle export: the job', () => {
    const r = riffle('export', 'examples/runing-count.py', '--source', 'file', '--path', 'p')
    expect(r.stderr).toBe('riffle export: JOB: job file not found: examples/runing-count.py (did you mean examples/running-count.py?)\n')
    expect(r.code).toBe(2)
  })

  it('a path near nothing: no guess', () => {
    const r = riffle('run', JOB, 'recordings/nothing-like-it.jsonl')
    expect(r.stderr).toBe('riffle: RECORDING_NOT_FOUND: recording not found: recordings/nothing-like-it.jsonl\n')
    expect(r.code).toBe(2)
  })
})

// A link whose file is gone (a recording moved after `ln -s`) is listed by ls, so 'recording not found' alone
// contradicted what the user sees; a loop of links said the same.
describe('a path that is a broken link', () => {
  it.each<[string, (d: string) => string[], (d: string) => string]>([
    ['the recording', (d) => ['run', JOB, join(d, 'rec.jsonl')],
      (d) => `riffle: RECORDING_NOT_FOUND: recording not found: ${join(d, 'rec.jsonl')} (it is a link to ${join(d, 'moved/clicks.jsonl')}, which does not exist)\n`],
    ['the job', (d) => ['run', join(d, 'job.ts'), REC],
      (d) => `riffle: BAD_ARGUMENT: job file not found: ${join(d, 'job.ts')} (it is a link to ${join(d, 'moved/job.ts')}, which does not exist)\n`],
    ['the golden file, a link in a loop', (d) => ['test', JOB, REC, '--expect', join(d, 'loop-a.jsonl')],
      (d) => `riffle: BAD_ARGUMENT: golden file not found: ${join(d, 'loop-a.jsonl')} (it is a link in a loop of links) (run with --update to create it from this run's output)\n`],
  ])('%s: says where the link leads', (_what, args, said) => {
    const d = tempDir()
    symlinkSync(join(d, 'moved/clicks.jsonl'), join(d, 'rec.jsonl'))
    symlinkSync(join(d, 'moved/job.ts'), join(d, 'job.ts'))
    symlinkSync(join(d, 'loop-b.jsonl'), join(d, 'loop-a.jsonl'))
    symlinkSync(join(d, 'loop-a.jsonl'), join(d, 'loop-b.jsonl'))
    const r = riffle(...args(d))
    expect(r.stderr).toBe(said(d))
    expect(r.code).toBe(2)
  })
})

