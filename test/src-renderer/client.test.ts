// Browser mode's client finds the service from the page URL: the token (and, under the dev server, the
// service port) become the WebSocket URL.
import { describe, expect, it } from 'vitest'
import { websocketUrl } from '../../src-renderer/src/client'

describe('websocketUrl', () => {
  it('uses the page host and the token from the URL', () => {
    expect(websocketUrl({ search: '?token=a%2Bb', hostname: '127.0.0.1', host: '127.0.0.1:4100' })).toBe('ws://127.0.0.1:4100/rpc?token=a%2Bb')
  })
  it('uses the service port named by ?ws= under the dev server', () => {
    expect(websocketUrl({ search: '?token=t&ws=4200', hostname: '127.0.0.1', host: '127.0.0.1:5173' })).toBe('ws://127.0.0.1:4200/rpc?token=t')
  })
  it("falls back to the tab's saved token after the address bar was cleaned", () => {
    expect(websocketUrl({ search: '', hostname: '127.0.0.1', host: '127.0.0.1:4100' }, { token: 'saved', ws: null })).toBe('ws://127.0.0.1:4100/rpc?token=saved')
  })
})

// A request over the limit used to go out anyway: the server closed the whole connection (1009), and with
// it every session of the window. The client refuses it instead and the connection stays.
describe('websocketClient', () => {
  it('refuses a request larger than the service accepts with a clear error, and the connection stays open', async () => {
    const { WebSocketServer, default: NodeWebSocket } = await import('ws')
    const { websocketClient } = await import('../../src-renderer/src/client/transport')
    const { MAX_MESSAGE_BYTES } = await import('../../src-main/common/contract')
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', maxPayload: MAX_MESSAGE_BYTES })
    await new Promise((ok) => wss.once('listening', ok))
    let closes = 0
    wss.on('connection', (ws) => {
      ws.on('error', () => {})
      ws.on('close', () => { closes++ })
      ws.on('message', (d) => { const m = JSON.parse(String(d)); ws.send(JSON.stringify({ id: m.id, ok: true, result: m.args[1].length })) })
    })
    const port = (wss.address() as { port: number }).port
    const client = websocketClient(`ws://127.0.0.1:${port}/rpc`, NodeWebSocket as unknown as typeof WebSocket)
    const huge = 'é'.repeat(MAX_MESSAGE_BYTES / 2 + 10) // under the limit in characters, over it in UTF-8 bytes
    await expect(client.call('files.save', 'big.ts', huge)).rejects.toMatchObject({
      info: { code: 'BAD_ARGUMENT', message: expect.stringMatching(/files\.save is 8 MB, more than the 8 MB the service accepts/) },
    })
    expect(await client.call('files.save', 'small.ts', 'x')).toBe(1)
    expect(closes).toBe(0)
    wss.close()
  })

  // Between the close handshake's start and the 'close' event the socket is CLOSING: a send there only made
  // the browser log "WebSocket is already in CLOSING or CLOSED state" and the call waited for the close.
  it('refuses a request on a closing connection with a clear error, without sending it', async () => {
    const { WebSocketServer, default: NodeWebSocket } = await import('ws')
    const { websocketClient } = await import('../../src-renderer/src/client/transport')
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
    await new Promise((ok) => wss.once('listening', ok))
    let received = 0
    wss.on('connection', (ws) => {
      ws.on('error', () => {})
      ws.on('message', (d) => { received++; const m = JSON.parse(String(d)); ws.send(JSON.stringify({ id: m.id, ok: true, result: 1 })) })
    })
    let sockets: InstanceType<typeof NodeWebSocket>[] = []
    class Tracked extends NodeWebSocket { constructor(url: string) { super(url); sockets.push(this) } }
    const port = (wss.address() as { port: number }).port
    const client = websocketClient(`ws://127.0.0.1:${port}/rpc`, Tracked as unknown as typeof WebSocket)
    expect(await client.call('files.save', 'a.ts', 'x')).toBe(1)
    sockets[0]!.close()
    expect(sockets[0]!.readyState).toBe(NodeWebSocket.CLOSING)
    await expect(client.call('files.save', 'b.ts', 'x')).rejects.toMatchObject({ info: { code: 'INTERNAL', message: expect.stringMatching(/closing/) } })
    expect(received).toBe(1)
    sockets = []
    wss.close()
  })
})
