// Browser mode's server: loopback only, a per-launch token on every WebSocket (missing or wrong → refused),
// Host and Origin checks, the contract served with validation, and a static server that stays in its folder.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startBrowserServer, type BrowserServer } from '../../../src-main/service/browser-server'
import { createDebuggerService } from '../../../src-main/service/create-service'

const root = join(import.meta.dirname, '../../..')
let server: BrowserServer
let staticDir: string

beforeAll(async () => {
  const project = mkdtempSync(join(tmpdir(), 'riffle-bs-'))
  staticDir = join(project, 'static')
  mkdirSync(staticDir)
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Riffle</title>')
  writeFileSync(join(project, 'secret.txt'), 'do not serve')
  const service = createDebuggerService({ mode: 'browser', version: 't', projectRoot: root, workspace: join(project, 'ws') })
  server = await startBrowserServer({ connect: () => service.connect(), staticDir })
})
afterAll(async () => { await server.close() })

/** Opens a WebSocket; resolves with 'open' or the HTTP status of the refusal. */
function connect(query: string, headers: Record<string, string> = {}): Promise<{ result: string; ws?: WebSocket }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc${query}`, { headers })
    ws.on('open', () => resolve({ result: 'open', ws }))
    ws.on('unexpected-response', (_req, res) => resolve({ result: String(res.statusCode) }))
    ws.on('error', (e) => resolve({ result: 'error ' + e.message }))
  })
}

function rpc(ws: WebSocket, id: number, name: string, args: unknown[]): Promise<{ ok: boolean; result?: unknown; error?: { code: string; message: string } }> {
  return new Promise((resolve) => {
    const onMsg = (d: WebSocket.RawData): void => {
      const m = JSON.parse(String(d))
      if (m.id === id) { ws.off('message', onMsg); resolve(m) }
    }
    ws.on('message', onMsg)
    ws.send(JSON.stringify({ id, name, args }))
  })
}

function httpGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      let body = ''
      res.on('data', (d) => { body += d })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }))
    }).on('error', reject).end()
  })
}

describe('browser mode server', () => {
  it('listens on 127.0.0.1 only, with a long random token in the URL', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=`))
    expect(server.token.length).toBeGreaterThanOrEqual(40)
  })

  it('refuses a WebSocket without a token (401)', async () => {
    expect((await connect('')).result).toBe('401')
  })

  it('refuses a WebSocket with a wrong token (401), including one of the right length', async () => {
    expect((await connect('?token=wrong')).result).toBe('401')
    expect((await connect('?token=' + 'x'.repeat(server.token.length))).result).toBe('401')
  })

  it('refuses a foreign Origin even with the right token (403)', async () => {
    expect((await connect(`?token=${server.token}`, { Origin: 'http://evil.example' })).result).toBe('403')
  })

  it('refuses a foreign Host header, against DNS rebinding (403)', async () => {
    expect((await connect(`?token=${server.token}`, { Host: `evil.example:${server.port}` })).result).toBe('403')
  })

  it('serves the contract to a client with the right token', async () => {
    const { result, ws } = await connect(`?token=${encodeURIComponent(server.token)}`, { Origin: `http://127.0.0.1:${server.port}` })
    expect(result).toBe('open')
    const info = await rpc(ws!, 1, 'app.info', [])
    expect(info).toMatchObject({ ok: true, result: { mode: 'browser', nativeDialogs: false } })
    const bad = await rpc(ws!, 2, 'session.step', ['s1', { kind: 'sideways' }])
    expect(bad.ok).toBe(false)
    expect(bad.error?.code).toBe('BAD_ARGUMENT')
    const unknown = await rpc(ws!, 3, 'fs.readFile', ['/etc/passwd'])
    expect(unknown.error?.code).toBe('BAD_ARGUMENT')
    ws!.close()
  })

  it('serves the renderer files with security headers, and nothing outside its folder', async () => {
    const index = await httpGet('/')
    expect(index.status).toBe(200)
    expect(index.body).toContain('<title>Riffle</title>')
    expect(index.headers['referrer-policy']).toBe('no-referrer')
    expect(index.headers['x-content-type-options']).toBe('nosniff')
    expect((await httpGet('/../secret.txt')).status).not.toBe(200)
    expect((await httpGet('/%2e%2e/secret.txt')).status).not.toBe(200)
  })

  // Any web page the user visits can send these to a loopback port: each must be an HTTP error, not a dead server.
  it('answers a malformed escape, an empty authority path and odd paths with 400/404, and keeps serving', async () => {
    expect((await httpGet('/%E0%A4%A')).status).toBe(400)
    expect((await httpGet('/%')).status).toBe(400)
    expect((await httpGet('//')).status).toBe(404)
    expect((await httpGet('//x/y')).status).toBe(404)
    expect((await httpGet('/a%00b')).status).toBe(400)
    expect((await httpGet('*')).status).toBe(404)
    expect((await httpGet('/')).status).toBe(200)
  })

  it('refuses an upgrade on a malformed path instead of throwing in the upgrade handler', async () => {
    const upgrade = (path: string): Promise<number> => new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path, headers: {
        Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
      } })
      req.on('response', (res) => { res.resume(); resolve(res.statusCode ?? 0) })
      req.on('upgrade', (res, socket) => { socket.destroy(); resolve(res.statusCode ?? 0) })
      req.on('error', reject)
      req.end()
    })
    expect(await upgrade('//')).toBe(404)
    expect(await upgrade('//rpc')).toBe(404)
    expect(await upgrade('/%E0%A4%A')).toBe(404)
    expect((await httpGet('/')).status).toBe(200)
  })
})
