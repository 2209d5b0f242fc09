// Picks the transport once: the preload bridge in Electron, else the WebSocket named by the page URL
// (?token=… and, under the dev server, ?ws=PORT). Tests install their own client with setClient().
import type { RiffleBridge } from '@common/contract'
import { ipcClient, websocketClient, type RiffleClient } from './transport'

export type { RiffleClient } from './transport'

declare global {
  interface Window { riffle?: RiffleBridge }
}

let client: RiffleClient | null = null

/** The WebSocket URL for browser mode, from the page's own URL (or the tab's saved copy of it). */
export function websocketUrl(
  location: { search: string; hostname: string; host: string },
  saved: { token: string | null; ws: string | null } = { token: null, ws: null },
): string {
  const params = new URLSearchParams(location.search)
  const token = params.get('token') ?? saved.token ?? ''
  const port = params.get('ws') ?? saved.ws
  const host = port ? `${location.hostname}:${port}` : location.host
  return `ws://${host}/rpc?token=${encodeURIComponent(token)}`
}

/**
 * Moves the launch token out of the address bar (screenshots, history) into this tab's sessionStorage — and
 * only there: not a cookie, which every server on 127.0.0.1 would be sent, and not localStorage, which
 * outlives the launch the token belongs to.
 */
function takeTokenFromAddressBar(): { token: string | null; ws: string | null } {
  const params = new URLSearchParams(window.location.search)
  for (const name of ['token', 'ws']) {
    const v = params.get(name)
    if (v !== null) sessionStorage.setItem('riffle.' + name, v)
  }
  if (params.has('token')) history.replaceState(null, '', window.location.pathname)
  return { token: sessionStorage.getItem('riffle.token'), ws: sessionStorage.getItem('riffle.ws') }
}

let saved: { token: string | null; ws: string | null } | null = null
function launchToken(): { token: string | null; ws: string | null } {
  saved ??= takeTokenFromAddressBar()
  return saved
}

/** Browser mode in a tab that has no launch token (opened by hand, or a copied address): nothing can work. */
export function lacksToken(): boolean {
  return !window.riffle && !client && !launchToken().token
}

/** The service refused this tab's token (it belongs to an earlier launch): forget it, so the next link's is used. */
export function forgetToken(): void {
  try { sessionStorage.removeItem('riffle.token') } catch { /* nothing stored */ }
}

export function getClient(): RiffleClient {
  if (!client) {
    client = window.riffle
      ? ipcClient(window.riffle)
      : websocketClient(websocketUrl({ search: '', hostname: window.location.hostname, host: window.location.host }, launchToken()))
  }
  return client
}

export function setClient(c: RiffleClient | null): void {
  client = c
}
