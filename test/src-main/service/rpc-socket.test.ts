// One WebSocket connection's replies: an answer too large to send, or one JSON cannot hold (a BigInt), becomes
// an error reply with the request's id instead of a failed send; and a request's id comes back with its reply.
// The connection behind the socket answers from a table (these answers cannot come from a contract handler
// here without building a multi-GB run); the socket, ws and the JSON are real.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import type { Envelope } from '../../../src-main/common/contract'
import { MAX_REPLY_BYTES, serveRpcSocket } from '../../../src-main/service/rpc-socket'

const answers: Record<string, () => Envelope<unknown>> = {
  big: () => ({ ok: true, result: 'x'.repeat(MAX_REPLY_BYTES + 10) }),
  bigint: () => ({ ok: true, result: { n: 10n } }),
  small: () => ({ ok: true, result: [1, 2, 3] }),
}
let port = 0
const server = createServer()
const wss = new WebSocketServer({ server })

beforeAll(async () => {
  wss.on('connection', (ws) => serveRpcSocket(ws, {
    dispatch: async (name) => answers[String(name)](),
    onEvent: () => () => {},
    release: () => {},
  }))
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  port = (server.address() as AddressInfo).port
})
afterAll(async () => { wss.close(); await new Promise((ok) => server.close(ok)) })

async function ask(name: string, id: number): Promise<{ id: number; ok: boolean; result?: unknown; error?: { code: string; message: string } }> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}`, { maxPayload: 256 * 1024 * 1024 })
  await new Promise((ok) => ws.once('open', ok))
  const reply = new Promise<string>((ok) => ws.once('message', (d) => ok(String(d))))
  ws.send(JSON.stringify({ id, name, args: [] }))
  const r = JSON.parse(await reply)
  ws.close()
  return r
}

describe('rpc socket replies', () => {
  it('an answer past the reply limit is an error naming the request and the limit', async () => {
    const r = await ask('big', 5)
    expect(r).toMatchObject({ id: 5, ok: false, error: { code: 'BAD_ARGUMENT', message: expect.stringMatching(/answer to big is 64 MB, more than a reply may carry \(64 MB\): ask for a smaller page/) } })
  })

  it('an answer JSON cannot hold is an error reply, not a failed send', async () => {
    expect(await ask('bigint', 6)).toMatchObject({ id: 6, ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/could not be sent.*BigInt/) } })
  })

  it('a normal answer carries its request id', async () => {
    expect(await ask('small', 7)).toEqual({ id: 7, ok: true, result: [1, 2, 3] })
  })
})
