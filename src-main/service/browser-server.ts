// Browser mode: serves the built renderer over node:http and the contract over a WebSocket, both on
// 127.0.0.1 only, on a random port. Every WebSocket connection must present the per-launch random token
// (?token=…); a missing or wrong token, a foreign Host (DNS rebinding) or a foreign Origin is refused.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { readFile, stat } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { extname } from 'node:path'
import { WebSocketServer } from 'ws'
import { MAX_MESSAGE_BYTES } from '../common/contract'
import { rendererFile } from './renderer-file'
import { serveRpcSocket } from './rpc-socket'
import type { ServiceConnection } from './service-connection'

export interface BrowserServerOptions {
  /** A new connection to the service for each WebSocket (released when the socket closes). */
  connect(): ServiceConnection
  /** Folder with the built renderer (out/renderer); omit to serve only the WebSocket (dev mode). */
  staticDir?: string
  /** Port to bind; 0 (default) picks a random free one. */
  port?: number
  /** Extra origins allowed to open the WebSocket (the Vite dev server in `npm run dev`). */
  allowedOrigins?: string[]
  /** Fixed token (tests); a random 32-byte one by default. */
  token?: string
}

export interface BrowserServer {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

export const WS_PATH = '/rpc'
const HOST = '127.0.0.1'
/** Open WebSockets at once: each may have 64 requests in flight, so this bounds the work of all clients. */
export const MAX_CONNECTIONS = 32

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ttf': 'font/ttf', '.woff': 'font/woff', '.woff2': 'font/woff2', '.map': 'application/json', '.wasm': 'application/wasm',
}

export async function startBrowserServer(opts: BrowserServerOptions): Promise<BrowserServer> {
  const token = opts.token ?? randomBytes(32).toString('base64url')
  // Every failure of a request becomes a response: a page the user visits can send anything to this port.
  const server: Server = createServer((req, res) => {
    serveStatic(opts.staticDir, req, res).catch((err: unknown) => {
      console.error('Riffle: a static file request failed:', err)
      if (res.headersSent) res.destroy()
      else res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Internal error')
    })
  })
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  await new Promise<void>((ok, fail) => {
    server.once('error', fail)
    server.listen(opts.port ?? 0, HOST, () => ok())
  })
  // After listening, a server error (say, out of file descriptors on accept) is logged, never fatal.
  server.on('error', (err) => console.error('Riffle: the browser-mode server reported an error:', err))
  const port = (server.address() as AddressInfo).port
  const allowedHosts = new Set([`${HOST}:${port}`, `localhost:${port}`])
  const allowedOrigins = new Set([`http://${HOST}:${port}`, `http://localhost:${port}`, ...(opts.allowedOrigins ?? [])])

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // The http server stops watching an upgraded socket: a reset before ws takes it must not be an uncaught 'error'.
    socket.on('error', () => socket.destroy())
    try {
      const refusal = checkUpgrade(req, token, allowedHosts, allowedOrigins)
        ?? (wss.clients.size >= MAX_CONNECTIONS ? '503 Service Unavailable' : null)
      if (refusal) {
        socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
        return
      }
      wss.handleUpgrade(req, socket, head, (ws) => serveRpcSocket(ws, opts.connect()))
    } catch (err) {
      console.error('Riffle: a WebSocket upgrade failed:', err)
      socket.destroy()
    }
  })

  return {
    url: `http://${HOST}:${port}/?token=${encodeURIComponent(token)}`,
    port,
    token,
    close: () => new Promise<void>((ok) => {
      for (const c of wss.clients) c.terminate()
      wss.close()
      server.closeAllConnections()
      server.close(() => ok())
    }),
  }
}

/** Returns an HTTP status line when the upgrade must be refused, null when it may proceed. */
function checkUpgrade(req: IncomingMessage, token: string, hosts: Set<string>, origins: Set<string>): string | null {
  const url = requestUrl(req)
  if (url === null || url.pathname !== WS_PATH) return '404 Not Found'
  if (!hosts.has(req.headers.host ?? '')) return '403 Forbidden'
  const origin = req.headers.origin
  if (origin !== undefined && !origins.has(origin)) return '403 Forbidden'
  const given = url.searchParams.get('token') ?? ''
  if (!sameSecret(given, token)) return '401 Unauthorized'
  return null
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** The request's URL, or null when its target does not parse (`//`, `http://[`). */
function requestUrl(req: IncomingMessage): URL | null {
  const target = req.url ?? '/'
  return URL.canParse(target, 'http://x') ? new URL(target, 'http://x') : null
}

async function serveStatic(dir: string | undefined, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!dir || (req.method !== 'GET' && req.method !== 'HEAD')) { res.writeHead(dir ? 405 : 404).end(); return }
  const url = requestUrl(req)
  const found = url === null ? { ok: false as const, status: 404 as const } : rendererFile(dir, url.pathname)
  if (!found.ok) { res.writeHead(found.status, { 'Content-Type': 'text/plain' }).end(found.status === 400 ? 'Bad request' : 'Not found'); return }
  const file = found.file
  try {
    const info = await stat(file)
    if (!info.isFile()) throw new Error('not a file')
    const body = await readFile(file)
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      // frame-ancestors only works as a header (a <meta> CSP ignores it): never let another page frame the app.
      'Content-Security-Policy': "frame-ancestors 'none'",
      'X-Frame-Options': 'DENY',
    })
    res.end(req.method === 'HEAD' ? undefined : body)
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found')
  }
}
