// The Electron window against a mocked `electron`: context isolation, the sandbox and no Node in the page,
// no new windows, no navigation away from the app's origin.
import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', async () => (await import('./electron-mock')).electronModule())
const { created } = await import('./electron-mock')
const { createMainWindow, mainWindowOptions } = await import('../../../src-main/app/window')

describe('main window', () => {
  it('isolates the page: contextIsolation, sandbox, no nodeIntegration, webSecurity, no webview', () => {
    const prefs = mainWindowOptions('/x/preload/index.cjs').webPreferences!
    expect(prefs).toMatchObject({
      preload: '/x/preload/index.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false,
      nodeIntegrationInWorker: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false,
    })
  })

  it('loads the app URL, refuses new windows, navigation to another origin and permission requests', () => {
    createMainWindow('/x/preload/index.cjs', 'app://riffle/index.html')
    const win = created.at(-1)!.instance
    expect(win.loaded).toBe('app://riffle/index.html')
    expect(win.webContents.openHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' })
    const nav = win.webContents.handlers['will-navigate']
    const foreign = { preventDefault: vi.fn() }
    nav(foreign, 'https://evil.example/')
    expect(foreign.preventDefault).toHaveBeenCalled()
    const own = { preventDefault: vi.fn() }
    nav(own, 'app://riffle/index.html#x')
    expect(own.preventDefault).not.toHaveBeenCalled()
    let granted: boolean | null = null
    win.webContents.permissionHandler!(win.webContents, 'media', (ok) => { granted = ok })
    expect(granted).toBe(false)
  })
})
