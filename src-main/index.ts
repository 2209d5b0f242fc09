// Electron composition root: registers the app:// scheme, creates the DebuggerService, the window, the
// contract's IPC handlers (sender-checked, validated), the menu, and forwards pushed events to the window.
import { app, BrowserWindow, ipcMain } from 'electron'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './app/app-protocol'
import { nativeDialogs } from './app/dialogs'
import { installMenu } from './app/menu'
import { createMainWindow } from './app/window'
import { registerContract, sendEvent } from './ipc/register-contract'
import { installCrashGuard } from './service/crash-guard'
import { createDebuggerService } from './service/create-service'
import { setSessionWorkerPath } from './worker/worker-host'

installCrashGuard()
const here = dirname(fileURLToPath(import.meta.url))
const projectRoot = resolve(process.env.RIFFLE_PROJECT_ROOT ?? (app.isPackaged ? process.resourcesPath : join(here, '../..')))
let win: BrowserWindow | null = null

registerAppScheme()
setSessionWorkerPath(join(here, 'session-worker.js'))

app.whenReady().then(() => {
  serveRenderer(join(here, '../renderer'))
  const service = createDebuggerService({
    mode: 'electron', version: app.getVersion(), projectRoot,
    workspace: process.env.RIFFLE_WORKSPACE ?? join(app.getPath('documents'), 'Riffle'),
    dialogs: nativeDialogs(() => win),
  })
  // electron-vite sets ELECTRON_RENDERER_URL under `electron-vite dev`; otherwise the built renderer.
  const url = process.env.ELECTRON_RENDERER_URL ?? `${APP_ORIGIN}/index.html`
  win = createMainWindow(join(here, '../preload/index.cjs'), url)
  // One connection per page load: a reload releases the old page's work and sessions (they wait for the new
  // page to reattach, as in browser mode).
  let connection = service.connect()
  let unsubscribe = connection.onEvent((m) => sendEvent(win?.webContents ?? null, m))
  win.webContents.on('did-navigate', () => {
    unsubscribe()
    connection.release()
    connection = service.connect()
    unsubscribe = connection.onEvent((m) => sendEvent(win?.webContents ?? null, m))
  })
  registerContract(ipcMain, () => connection, {
    isAllowedContents: (contents) => win !== null && contents === win.webContents,
    appUrl: url,
  })
  installMenu((command) => sendEvent(win?.webContents ?? null, { event: 'app.command', payload: { command } }))
  win.on('closed', () => { win = null })
  app.on('before-quit', () => { void service.dispose() })
}).catch((err: unknown) => {
  console.error('Riffle failed to start:', err)
  app.exit(1)
})

// Defence in depth for any webContents, ours or not: no <webview>, no new windows.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (e) => e.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
})

app.on('window-all-closed', () => app.quit())
