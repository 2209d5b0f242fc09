// Picks the transport once: the preload bridge in Electron, else the WebSocket named by the page URL
// (?token=… and, under the dev server, ?ws=PORT). Tests install their own client with setClient().
import type { RiffleBridge } from '../../../src-main/common/contract'
import { ipcClient, websocketClient, type RiffleClient } from './transport'

export type { RiffleClient } from './transport'

declare global {
  interface Window { riffle?: RiffleBridge }
}

let client: RiffleClient | null = null

/** The WebSocket URL for browser mode, from the page's own URL. */
export function websocketUrl(location: { search: string; hostname: string; host: string }): string {
  const params = new URLSearchParams(location.search)
  const token = params.get('token') ?? ''
  const port = params.get('ws')
  const host = port ? `${location.hostname}:${port}` : location.host
  return `ws://${host}/rpc?token=${encodeURIComponent(token)}`
}

export function getClient(): RiffleClient {
  if (!client) client = window.riffle ? ipcClient(window.riffle) : websocketClient(websocketUrl(window.location))
  return client
}

export function setClient(c: RiffleClient | null): void {
  client = c
}
