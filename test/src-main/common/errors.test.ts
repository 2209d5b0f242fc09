// The one error module: every code crosses a boundary as itself (never as INTERNAL), with its place and
// input record; an error rebuilt on the far side crosses on unchanged.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ClassicLevel } from 'classic-level'
import { afterAll, describe, expect, it } from 'vitest'
import { ERROR_CODES, RiffleError, toErrorInfo } from '../../../src-main/common/errors'
import { dispatch } from '../../../src-main/service/dispatch'
import type { ContractHandlers } from '../../../src-main/common/contract'
import { createBackend } from '../../../src-main/engine/state/create-backend'

const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })

describe('toErrorInfo', () => {
  it('keeps the code, the place and the input record', () => {
    const e = new RiffleError('JOB_THREW', 'boom', { where: { file: 'job.ts', line: 7, column: 3 }, input: { line: 2, value: { a: 1 } } })
    expect(toErrorInfo(e)).toEqual({ code: 'JOB_THREW', message: 'boom', where: { file: 'job.ts', line: 7, column: 3 }, input: { line: 2, value: { a: 1 } } })
    expect(e.info).toEqual(toErrorInfo(e))
  })

  it('anything else is INTERNAL with the first lines of its stack; rebuilt on the far side it crosses on unchanged', () => {
    const info = toErrorInfo(new TypeError('no such thing'))
    expect(info.code).toBe('INTERNAL')
    expect(info.message.split('\n').length).toBeGreaterThan(1)
    expect(toErrorInfo(RiffleError.fromInfo(info))).toEqual(info)
  })

  it('a LevelDB error reaches the window with its own code', async () => {
    // A LevelDB database that is not Riffle state: refused with STATE_FOREIGN (it used to cross as INTERNAL).
    const dir = mkdtempSync(join(tmpdir(), 'riffle-foreign-'))
    dirs.push(dir)
    const db = new ClassicLevel<string, string>(dir)
    await db.put('someone-else', 'x')
    await db.close()
    const handlers = { 'app.info': () => createBackend({ backend: 'leveldb', stateDir: dir, keepState: true }) } as unknown as ContractHandlers
    const r = await dispatch(handlers, 'app.info', [])
    expect(r).toMatchObject({ ok: false, error: { code: 'STATE_FOREIGN' } })
    expect(Object.keys(ERROR_CODES)).toEqual(expect.arrayContaining(['STATE_OPEN_FAILED', 'STATE_FOREIGN', 'STATE_CLOSED', 'STATE_WRITE_FAILED']))
  })
})
