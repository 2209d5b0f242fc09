// Every request's arguments are validated before a handler runs: wrong shapes, unknown names and extra
// fields are refused with BAD_ARGUMENT; trailing optional arguments may be left out.
import { describe, expect, it } from 'vitest'
import { REQUEST_NAMES, type ContractHandlers } from '../../../src-main/common/contract'
import { REQUEST_SCHEMAS, validateArgs } from '../../../src-main/common/contract-schemas'
import { dispatch } from '../../../src-main/service/dispatch'

describe('contract argument schemas', () => {
  it('has a schema for every request', () => {
    expect(Object.keys(REQUEST_SCHEMAS).sort()).toEqual([...REQUEST_NAMES].sort())
  })

  it('accepts valid calls, with or without trailing optional arguments', () => {
    expect(validateArgs('session.step', ['s1', { kind: 'timer' }]).ok).toBe(true)
    expect(validateArgs('session.step', ['s1', { kind: 'end' }, 5000]).ok).toBe(true)
    expect(validateArgs('session.outputs', ['s1', 0, 10, { keyStr: '"u1"', tag: null }]).ok).toBe(true)
    expect(validateArgs('session.outputs', ['s1', 0, 10, null]).ok).toBe(true)
  })

  it('refuses wrong shapes with a reason that names the request', () => {
    const bad = [
      ['session.step', ['s1', { kind: 'sideways' }]],
      ['session.step', ['s1']],
      ['session.keys', ['s1', { offset: -1, limit: 10 }]],
      ['session.keys', ['s1', { offset: 0, limit: 10, extra: true }]],
      ['session.start', [{ jobPath: 'a.ts', recordingPath: 'r.jsonl', backend: 'rocksdb', processingTime: 'follow' }]],
      ['files.read', ['']],
      ['app.info', ['unexpected']],
    ] as const
    for (const [name, args] of bad) {
      const r = validateArgs(name, args)
      expect(r.ok, `${name} ${JSON.stringify(args)}`).toBe(false)
      if (!r.ok) expect(r.reason).toContain(name)
    }
  })

  it('dispatch never calls a handler with invalid arguments or an unknown name', async () => {
    let called = 0
    const handlers = new Proxy({}, { get: () => async () => { called++; return 1 } }) as ContractHandlers
    expect(await dispatch(handlers, 'session.step', ['s1', { kind: 'x' }])).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } })
    expect(await dispatch(handlers, 'process.exit', [])).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } })
    expect(await dispatch(handlers, '__proto__', [])).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } })
    expect(called).toBe(0)
    expect(await dispatch(handlers, 'app.info', [])).toEqual({ ok: true, result: 1 })
  })

  it('a handler that throws crosses as ErrorInfo with its stable code', async () => {
    const handlers = { 'app.info': async () => { throw Object.assign(new Error('gone'), { code: 'SESSION_CLOSED' }) } } as unknown as ContractHandlers
    expect(await dispatch(handlers, 'app.info', [])).toEqual({ ok: false, error: { code: 'SESSION_CLOSED', message: 'gone' } })
  })
})
