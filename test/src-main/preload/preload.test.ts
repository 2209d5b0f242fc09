// The preload against a mocked `electron`: exposes exactly `window.riffle` with invoke/onEvent, forwards only
// contract requests on their own channels, and refuses anything else without touching IPC.
import { describe, expect, it, vi } from 'vitest'
import type { RiffleBridge } from '../../../src-main/common/contract'

vi.mock('electron', async () => (await import('../app/electron-mock')).electronModule())
const { exposed, invoked } = await import('../app/electron-mock')
await import('../../../src-main/preload/index')

describe('preload bridge', () => {
  it('exposes one object, riffle, with only invoke and onEvent', () => {
    expect(Object.keys(exposed)).toEqual(['riffle'])
    expect(Object.keys(exposed.riffle as object).sort()).toEqual(['invoke', 'onEvent'])
  })

  it('forwards a contract request on its riffle: channel', async () => {
    const bridge = exposed.riffle as RiffleBridge
    await bridge.invoke('session.status', 's1')
    expect(invoked.at(-1)).toEqual(['riffle:session.status', 's1'])
  })

  it('refuses a name outside the contract without sending anything', async () => {
    const bridge = exposed.riffle as unknown as { invoke(n: string): Promise<unknown> }
    const before = invoked.length
    expect(await bridge.invoke('shell.openExternal')).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } })
    expect(invoked.length).toBe(before)
  })
})
