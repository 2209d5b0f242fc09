// The main window: context isolation, the sandbox and no Node in the renderer; navigation and new windows
// are refused so the page can never leave the app's own scheme and host.
import { BrowserWindow, shell, type BrowserWindowConstructorOptions } from 'electron'
import { isAppUrl } from './app-url'

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Riffle',
    backgroundColor: '#1b1e24',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  }
}

export function createMainWindow(preloadPath: string, url: string): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(preloadPath))
  win.webContents.setWindowOpenHandler(({ url: target }) => {
    // External links open in the system browser; the app never opens windows of its own.
    if (/^https:\/\//.test(target)) void shell.openExternal(target)
    return { action: 'deny' }
  })
  win.webContents.on('will-navigate', (event, target) => {
    if (!isAppUrl(target, url)) event.preventDefault()
  })
  // The app needs no camera, notifications, geolocation...: refuse every permission request.
  win.webContents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  win.once('ready-to-show', () => win.show())
  void win.loadURL(url)
  return win
}
