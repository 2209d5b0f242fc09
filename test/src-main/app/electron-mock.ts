// A recording stand-in for the `electron` module (no Electron binary here): BrowserWindow, ipcMain,
// contextBridge, ipcRenderer, Menu, dialog, protocol — just enough to check what the shell asks of Electron.
import { vi } from 'vitest'

export const created: { options: Record<string, unknown>; instance: FakeWindow }[] = []

export class FakeContents {
  id = 1
  handlers: Record<string, (...a: unknown[]) => void> = {}
  openHandler: ((d: { url: string }) => { action: string }) | null = null
  mainFrame = { url: 'app://riffle/index.html' }
  sent: unknown[][] = []
  permissionHandler: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null
  session = { setPermissionRequestHandler: (h: (wc: unknown, p: string, cb: (ok: boolean) => void) => void) => { this.permissionHandler = h } }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void { this.openHandler = h }
  on(ev: string, h: (...a: unknown[]) => void): void { this.handlers[ev] = h }
  send(...a: unknown[]): void { this.sent.push(a) }
  isDestroyed(): boolean { return false }
}

export class FakeWindow {
  webContents = new FakeContents()
  loaded: string | null = null
  constructor(options: Record<string, unknown>) { created.push({ options, instance: this }) }
  once(): void {}
  on(): void {}
  show(): void {}
  loadURL(url: string): Promise<void> { this.loaded = url; return Promise.resolve() }
}

export const ipcMainHandlers = new Map<string, (...a: unknown[]) => unknown>()
export const exposed: Record<string, unknown> = {}
export const invoked: unknown[][] = []

export function electronModule(): Record<string, unknown> {
  return {
    BrowserWindow: FakeWindow,
    shell: { openExternal: vi.fn() },
    ipcMain: {
      handle: (ch: string, fn: (...a: unknown[]) => unknown) => { ipcMainHandlers.set(ch, fn) },
      removeHandler: (ch: string) => { ipcMainHandlers.delete(ch) },
    },
    contextBridge: { exposeInMainWorld: (name: string, api: unknown) => { exposed[name] = api } },
    ipcRenderer: {
      invoke: (...a: unknown[]) => { invoked.push(a); return Promise.resolve({ ok: true, result: null }) },
      on: vi.fn(), removeListener: vi.fn(),
    },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: vi.fn() },
    dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    net: { fetch: vi.fn() },
  }
}
