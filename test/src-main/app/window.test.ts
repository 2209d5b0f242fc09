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

  // The URLs Electron really reports: Node's URL gives origin "null" for app:, file: and data: alike, so the
  // guard must compare scheme and host, never origins.
  it('refuses file:, data: and app://evil/ navigations from the packaged app; allows its own pages', () => {
    createMainWindow('/x/preload/index.cjs', 'app://riffle/index.html')
    const nav = created.at(-1)!.instance.webContents.handlers['will-navigate']
    for (const target of ['file:///etc/passwd', 'data:text/html,<script>alert(1)</script>', 'app://evil/index.html',
      'app://riffle.evil/index.html', 'https://riffle/', 'not a url']) {
      const e = { preventDefault: vi.fn() }
      nav(e, target)
      expect(e.preventDefault, target).toHaveBeenCalled()
    }
    for (const target of ['app://riffle/index.html', 'app://riffle/index.html?x=1#y', 'app://riffle/']) {
      const e = { preventDefault: vi.fn() }
      nav(e, target)
      expect(e.preventDefault, target).not.toHaveBeenCalled()
    }
  })

  it('under the dev server allows its own scheme, host and port only', () => {
    createMainWindow('/x/preload/index.cjs', 'http://localhost:5173/')
    const nav = created.at(-1)!.instance.webContents.handlers['will-navigate']
    for (const [target, allowed] of [['http://localhost:5173/index.html', true], ['http://localhost:5174/', false],
      ['https://localhost:5173/', false], ['http://localhost:5173@evil.example/', false], ['file:///tmp/x.html', false]] as const) {
      const e = { preventDefault: vi.fn() }
      nav(e, target)
      expect(e.preventDefault.mock.calls.length === 0, target).toBe(allowed)
    }
  })
})
