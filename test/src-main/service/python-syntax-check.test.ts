// The editor's live Python syntax check through the service (job.checkSyntax): Python's own compile() in a worker
// of its own, answering the SyntaxError at its line and column, null for a source that compiles or a TypeScript job.
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createDebuggerService } from '../../../src-main/service/create-service'

execFileSync(process.execPath, [join(import.meta.dirname, '../../../bin/riffle-build.mjs')])
const root = join(import.meta.dirname, '../../..')
const service = createDebuggerService({ mode: 'browser', version: 't', projectRoot: root, workspace: mkdtempSync(join(tmpdir(), 'riffle-syntax-')) })
afterAll(() => service.dispose())

describe('job.checkSyntax', () => {
  it("names a Python job's SyntaxError at its line and column, and null once it compiles", async () => {
    const check = service.handlers['job.checkSyntax']
    const broken = 'def job(events):\n    if events is None\n        return events\n'
    const problem = await check('/w/job.py', broken)
    expect(problem).toMatchObject({ type: 'SyntaxError', message: "expected ':'", line: 2, column: 22 })
    expect(await check('/w/job.py', broken.replace('is None\n', 'is None:\n'))).toBeNull()
    const indent = await check('/w/job.py', 'def job(events):\nreturn events\n')
    expect(indent).toMatchObject({ type: 'IndentationError', line: 2 })
  }, 120_000)

  it('leaves a TypeScript job to the editor (Monaco checks it)', async () => {
    expect(await service.handlers['job.checkSyntax']('/w/job.ts', 'const x = (')).toBeNull()
  })
})
