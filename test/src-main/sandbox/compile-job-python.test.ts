// Python handed to the TypeScript compiler (the seed article's PyFlink Sessionizer pasted over the app's .ts job)
// is a compile error that says it is Python and where it goes, not esbuild's `Expected ";" but found "pyflink"`.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RiffleError } from '../../../src-main/common/errors'
import { compileJob } from '../../../src-main/sandbox/compile-job'

const ARTICLE = `from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.timerservice import TimerService

class Sessionizer(KeyedProcessFunction):
    def open(self, ctx):
        pass
`

async function compileError(path: string, source?: string): Promise<RiffleError> {
  try {
    await compileJob(path, source)
  } catch (e) {
    if (e instanceof RiffleError) return e
    throw e
  }
  throw new Error('compiled')
}

describe('a Python job in a TypeScript file', () => {
  it('the editor buffer of sessionizer-seed.ts holding the article\'s Python: says it is Python and to save it as .py', async () => {
    const e = await compileError('/tmp/examples/sessionizer-seed.ts', ARTICLE)
    expect(e.code).toBe('JOB_COMPILE')
    expect(e.message).toMatch(/^the job does not compile:\nsessionizer-seed\.ts:1: this is Python \(from pyflink\.datastream\.functions import KeyedProcessFunction\), but sessionizer-seed\.ts is a TypeScript job/)
    expect(e.message).toMatch(/save it under a name ending in \.py \(in the app: Save as…\)/)
    expect(e.message).not.toMatch(/Expected ";"/)
    expect(e.where).toMatchObject({ line: 1, column: 1 })
  })

  it('a job.ts file on disk (the command line) holding a class and a def, after a comment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'riffle-py-in-ts-'))
    const file = join(dir, 'job.ts')
    writeFileSync(file, '# the job\n\nclass Counter(KeyedProcessFunction):\n    def process_element(self, value, ctx):\n        yield value\n')
    const e = await compileError(file)
    expect(e.message).toMatch(/job\.ts:3: this is Python \(class Counter\(KeyedProcessFunction\):\)/)
    expect(e.where).toMatchObject({ file, line: 3 })
  })

  it('a TypeScript syntax error keeps esbuild\'s own words', async () => {
    const e = await compileError('/tmp/job.ts', 'export default function (env) {\n  const x = \n}\n')
    expect(e.message).not.toMatch(/Python/)
    expect(e.message).toMatch(/job\.ts:3:1: Unexpected "}"/)
  })
})
