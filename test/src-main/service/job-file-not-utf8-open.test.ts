// Opening a job file that is not UTF-8 in the app (files.read) is refused with BAD_ARGUMENT naming the file,
// line, byte and column: it opened with U+FFFD in place of the bad bytes, and saving it from the editor
// then replaced them for good, without a word. A UTF-8 job with multi-byte characters opens as it is.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Workspace } from '../../../src-main/service/workspace'

const root = join(__dirname, '../../..')
const dir = mkdtempSync(join(tmpdir(), 'riffle-ws-not-utf8-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('opening a job file that is not UTF-8', () => {
  const ws = new Workspace({ projectRoot: root, workspace: dir })

  it('is refused naming the file, line, byte and column', async () => {
    const path = join(dir, 'latin1.py')
    writeFileSync(path, Buffer.concat([Buffer.from('# a job\n# caf'), Buffer.from([0xe9]), Buffer.from('\ndef job(events):\n  return events\n')]))
    const err = await ws.read(path).then(() => null, (e: { code: string; message: string }) => e)
    expect(err?.code).toBe('BAD_ARGUMENT')
    expect(err?.message).toBe(`${path}:2: not UTF-8: byte 0xE9 at column 6: a job file is read as UTF-8 text ` +
      '(as Python and TypeScript read source); save it as UTF-8, then open it again.')
  })

  it('a UTF-8 job with é, 日本 and 🙂 opens as it is', async () => {
    const path = join(dir, 'utf8.ts')
    writeFileSync(path, '// café 日本 🙂\nexport default 1\n')
    expect((await ws.read(path)).source).toBe('// café 日本 🙂\nexport default 1\n')
  })
})
