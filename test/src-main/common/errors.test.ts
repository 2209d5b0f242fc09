// The one error module: every code crosses a boundary as itself (never as INTERNAL), with its place and
// input record; an error rebuilt on the far side crosses on unchanged.
import { describe, expect, it } from 'vitest'
import { ERROR_CODES, RiffleError, toErrorInfo } from '../../../src-main/common/errors'
import { dispatch } from '../../../src-main/service/dispatch'
import type { ContractHandlers } from '../../../src-main/common/contract'
import { createBackend } from '../../../src-main/engine/state/create-backend'

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
    // LevelDB state used after it was closed: STATE_CLOSED (it used to cross as INTERNAL).
    const { backend } = await createBackend({ backend: 'leveldb' })
    await backend.close()
    const handlers = { 'app.info': async () => { backend.timerQueue?.('op/event') } } as unknown as ContractHandlers
    const r = await dispatch(handlers, 'app.info', [])
    expect(r).toMatchObject({ ok: false, error: { code: 'STATE_CLOSED' } })
    expect(Object.keys(ERROR_CODES)).toEqual(expect.arrayContaining(['STATE_LOCKED', 'STATE_CLOSED', 'STATE_WRITE_FAILED']))
  })
})
