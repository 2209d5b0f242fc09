// A job file (.py or .ts) whose bytes are not UTF-8 is refused with JOB_COMPILE naming the file, line, byte and
// column: it was read with U+FFFD in place of them and ran, where CPython refuses such a file (SyntaxError:
// Non-UTF-8 code starting with '\xe9'); so is a module a TypeScript job imports. A job with multi-byte UTF-8
// (é, 日本, 🙂) loads as before.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadJobFile } from '../../../src-main/sandbox/load-job-file'

const tmp = mkdtempSync(join(tmpdir(), 'riffle-job-not-utf8-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))
const example = (name: string): string => readFileSync(join(__dirname, '../../../examples', name), 'utf8')

/** The example with `bytes` put into its second line's comment, as a Latin-1 editor saves "café". */
function withBytes(name: string, bytes: number[], out: string): string {
  const lines = example(name).split('\n')
  const comment = name.endsWith('.py') ? '# caf' : '// caf'
  const file = join(tmp, out)
  writeFileSync(file, Buffer.concat([Buffer.from(lines[0] + '\n' + comment), Buffer.from(bytes), Buffer.from('\n' + lines.slice(1).join('\n'))]))
  return file
}

async function loadError(path: string): Promise<{ code: string; message: string; where?: unknown }> {
  return loadJobFile(path).then(() => { throw new Error('expected the job to be refused') }, (e: { code: string; message: string; where?: unknown }) => e)
}

describe('a job file that is not UTF-8', () => {
  for (const name of ['running-count.py', 'running-count.ts']) {
    it(`${name} with a Latin-1 é: JOB_COMPILE naming file, line, byte and column`, async () => {
      const path = withBytes(name, [0xe9], `latin1-${name}`)
      const col = name.endsWith('.py') ? 6 : 7
      const err = await loadError(path)
      expect(err.code).toBe('JOB_COMPILE')
      expect(err.message).toBe(`${path}:2: not UTF-8: byte 0xE9 at column ${col}: a job file is read as UTF-8 text ` +
        '(as Python and TypeScript read source); save it as UTF-8')
      expect(err.where).toEqual({ file: path, line: 2 })
    }, 120_000)

    it(`${name} with é, 日本 and 🙂 in UTF-8 loads`, async () => {
      const path = withBytes(name, [...Buffer.from('é 日本 🙂')], `utf8-${name}`)
      const job = await loadJobFile(path)
      expect(job).toBeTruthy()
    }, 120_000)
  }

  it('a module a TypeScript job imports, not UTF-8: JOB_COMPILE naming that module, line and byte', async () => {
    const folder = mkdtempSync(join(tmp, 'imports-'))
    writeFileSync(join(folder, 'helper.ts'), Buffer.concat([Buffer.from('export const tag = "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]))
    const job = join(folder, 'job.ts')
    writeFileSync(job, "import { tag } from './helper'\n" + example('running-count.ts').replace('out.collect([value.user_id,', 'out.collect([tag + value.user_id,'))
    const err = await loadError(job)
    expect(err.code).toBe('JOB_COMPILE')
    expect(err.message).toMatch(/helper\.ts:1: not UTF-8: byte 0xE9 at column 24: a job file is read as UTF-8 text/)
  }, 120_000)
})
