// Electron IPC for the contract: one ipcMain.handle per request name (nothing else is registered), each
// checking that the sender is the app's own top frame before validating arguments and dispatching through
// the window's connection (its in-flight limit, its sessions), and a single event channel for pushes.
// Requests answer with an Envelope so ErrorInfo survives the crossing.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { isAppUrl } from '../app/app-url'
import type { EventMessage } from '../common/contract'
import { IPC_EVENT_CHANNEL, IPC_REQUEST_PREFIX, REQUEST_NAMES } from '../common/contract'
import type { ServiceConnection } from '../service/service-connection'

export interface SenderPolicy {
  /** The webContents allowed to call (the main window's). */
  isAllowedContents(contents: WebContents): boolean
  /** The URL the window loads (app://riffle/index.html or the dev server's): the calling frame must have its scheme and host. */
  appUrl: string
}

/** True when the call comes from the allowed window's top frame at the app's own URL. */
export function isTrustedSender(event: IpcMainInvokeEvent, policy: SenderPolicy): boolean {
  const frame = event.senderFrame
  if (!frame || !policy.isAllowedContents(event.sender)) return false
  if (frame !== event.sender.mainFrame) return false
  return typeof frame.url === 'string' && isAppUrl(frame.url, policy.appUrl)
}

/**
 * Registers every contract request, served by the window's current connection (a new one per page load);
 * returns a function that removes them all.
 */
export function registerContract(ipcMain: IpcMain, connection: () => ServiceConnection, policy: SenderPolicy): () => void {
  for (const name of REQUEST_NAMES) {
    ipcMain.handle(IPC_REQUEST_PREFIX + name, async (event, ...args: unknown[]) => {
      if (!isTrustedSender(event, policy)) {
        return { ok: false, error: { code: 'BAD_ARGUMENT', message: `Refused ${name}: the sender is not the Riffle window.` } }
      }
      return connection().dispatch(name, args)
    })
  }
  return () => { for (const name of REQUEST_NAMES) ipcMain.removeHandler(IPC_REQUEST_PREFIX + name) }
}

/** Sends one pushed event to the window, if it is still there. */
export function sendEvent(contents: WebContents | null, message: EventMessage): void {
  if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, message)
}
