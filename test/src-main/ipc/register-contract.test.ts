// Electron IPC against a mocked `electron`: exactly one handler per contract request, calls from any other
// sender or frame refused, arguments validated before the service sees them.
import { describe, expect, it, vi } from 'vitest'
import { IPC_REQUEST_PREFIX, REQUEST_NAMES, type ContractHandlers } from '../../../src-main/common/contract'
import { Connection } from '../../../src-main/service/service-connection'

vi.mock('electron', async () => (await import('../app/electron-mock')).electronModule())
const { ipcMainHandlers, FakeContents } = await import('../app/electron-mock')
const electron = await import('electron')
const { registerContract } = await import('../../../src-main/ipc/register-contract')

function setup(appUrl = 'app://riffle/index.html'): { contents: InstanceType<typeof FakeContents>; calls: string[] } {
  const calls: string[] = []
  const handlers = new Proxy({}, { get: (_t, name) => async () => { calls.push(String(name)); return 'r' } }) as ContractHandlers
  const contents = new FakeContents()
  ipcMainHandlers.clear()
  const connection = new Connection('c1', () => handlers, () => undefined)
  registerContract(electron.ipcMain, () => connection, {
    isAllowedContents: (c) => c === (contents as unknown), appUrl,
  })
  return { contents, calls }
}

const event = (sender: unknown, frame: unknown) => ({ sender, senderFrame: frame })

describe('IPC contract registration', () => {
  it('registers a handler for every contract entry and no other channel', () => {
    setup()
    expect([...ipcMainHandlers.keys()].sort()).toEqual(REQUEST_NAMES.map((n) => IPC_REQUEST_PREFIX + n).sort())
  })

  it('dispatches a valid call from the app window to the service', async () => {
    const { contents, calls } = setup()
    const r = await ipcMainHandlers.get('riffle:app.info')!(event(contents, contents.mainFrame))
    expect(r).toEqual({ ok: true, result: 'r' })
    expect(calls).toEqual(['app.info'])
  })

  it('refuses another webContents, a subframe, and a foreign page URL', async () => {
    const { contents, calls } = setup()
    const other = new FakeContents()
    const sub = { url: 'app://riffle/index.html' }
    for (const e of [event(other, other.mainFrame), event(contents, sub), event(contents, null)]) {
      expect(await ipcMainHandlers.get('riffle:app.info')!(e)).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } })
    }
    contents.mainFrame = { url: 'https://evil.example/' }
    expect(await ipcMainHandlers.get('riffle:app.info')!(event(contents, contents.mainFrame))).toMatchObject({ ok: false })
    expect(calls).toEqual([])
  })

  it('refuses invalid arguments before the service sees them', async () => {
    const { contents, calls } = setup()
    const r = await ipcMainHandlers.get('riffle:session.step')!(event(contents, contents.mainFrame), 's1', { kind: 'nope' })
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } })
    expect(calls).toEqual([])
  })

  // The URL the packaged window really loads and the frame URLs Electron reports, through the real URL class
  // (whose origin for app: is "null": a policy built from origins refused the app's own window).
  it('accepts the packaged window at app://riffle/ and refuses file:, data: and app://evil/ frames', async () => {
    const { contents, calls } = setup('app://riffle/index.html')
    for (const [url, ok] of [['app://riffle/index.html', true], ['app://riffle/index.html#/x', true], ['file:///etc/passwd', false],
      ['data:text/html,x', false], ['app://evil/index.html', false], ['app://riffle.evil/', false]] as const) {
      contents.mainFrame = { url }
      const r = await ipcMainHandlers.get('riffle:app.info')!(event(contents, contents.mainFrame)) as { ok: boolean }
      expect(r.ok, url).toBe(ok)
    }
    expect(calls).toEqual(['app.info', 'app.info'])
  })

  it('under the dev server accepts its own host and port only', async () => {
    const { contents } = setup('http://localhost:5173/')
    for (const [url, ok] of [['http://localhost:5173/index.html', true], ['http://localhost:5174/', false],
      ['http://localhost:5173@evil.example/', false], ['http://localhost:5173.evil.example/', false]] as const) {
      contents.mainFrame = { url }
      const r = await ipcMainHandlers.get('riffle:app.info')!(event(contents, contents.mainFrame)) as { ok: boolean }
      expect(r.ok, url).toBe(ok)
    }
  })
})
