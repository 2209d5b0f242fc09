// The preload (sandboxed, CJS): exposes exactly the contract as `window.riffle` — invoke a known request,
// listen to pushed events — and nothing of ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { EventMessage, RiffleBridge } from '../common/contract'
import { IPC_EVENT_CHANNEL, IPC_REQUEST_PREFIX, isRequestName } from '../common/contract'

const bridge: RiffleBridge = {
  invoke(name, ...args) {
    if (!isRequestName(name)) {
      return Promise.resolve({ ok: false, error: { code: 'BAD_ARGUMENT', message: `Unknown request ${String(name)}` } })
    }
    return ipcRenderer.invoke(IPC_REQUEST_PREFIX + name, ...args)
  },
  onEvent(listener) {
    const handler = (_e: IpcRendererEvent, message: EventMessage): void => listener(message)
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler)
    return () => { ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler) }
  },
}

contextBridge.exposeInMainWorld('riffle', bridge)
