// Browser mode's real entry as a child process: hostile requests any web page could send to its loopback
// port leave it alive and serving.
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rawWebSocket } from '../helpers/raw-websocket'
import { call, startServerChild, type ServerChild } from '../helpers/server-child'

let server: ServerChild
beforeAll(async () => { server = await startServerChild(['clicks-small.jsonl', 'clicks.jsonl']) })
afterAll(async () => { await server.stop() })

function get(path: string): Promise<number> {
  return new Promise((resolve) => {
    request({ host: '127.0.0.1', port: server.port, path }, (res) => { res.resume(); resolve(res.statusCode ?? 0) })
      .on('error', () => resolve(-1)).setTimeout(5_000, () => resolve(-2)).end()
  })
}

describe('browser mode process', () => {
  it('survives a malformed escape and an empty-authority path (any page can send them) and keeps serving', async () => {
    expect(await get('/%E0%A4%A')).toBe(400)
    expect(await get('//')).toBe(404)
    await new Promise((r) => setTimeout(r, 200))
    expect(server.alive()).toBe(true)
    const ws = await server.connect()
    expect(await call(ws, 1, 'app.info')).toMatchObject({ ok: true, result: { mode: 'browser' } })
    ws.close()
  })

  // Each of these ended the process: no 'error' listener on the socket, or a TypeError reading msg.id.
  it('closes the connection on an oversized message, invalid UTF-8 or a reserved opcode, and stays alive', async () => {
    const cases: Array<[string, (r: Awaited<ReturnType<typeof rawWebSocket>>) => void]> = [
      ['a 9 MB message', (r) => r.frame(1, Buffer.alloc(9 * 1024 * 1024, 0x20))],
      ['a length beyond any limit', (r) => r.frame(1, Buffer.alloc(16), { declaredLength: 2 ** 40 })],
      ['invalid UTF-8', (r) => r.frame(1, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))],
      ['reserved opcode 3', (r) => r.frame(3, Buffer.from('x'))],
      ['reserved control opcode 11', (r) => r.frame(11, Buffer.from('x'))],
      ['reserved bits set', (r) => r.frame(1, Buffer.from('{}'), { rsv: 4 })],
      ['a fragmented control frame', (r) => r.frame(9, Buffer.from('x'), { fin: false })],
    ]
    for (const [what, send] of cases) {
      const r = await rawWebSocket(server.port, server.token)
      send(r)
      expect(await r.closed(), what).toBe('closed')
      expect(server.alive(), what).toBe(true)
    }
    const ws = await server.connect()
    expect(await call(ws, 1, 'app.info')).toMatchObject({ ok: true })
    ws.close()
  })

  it('answers null, non-objects and messages without a request with an error reply, and stays alive', async () => {
    const ws = await server.connect()
    const replies: Array<{ id: unknown; ok: boolean; error?: { code: string } }> = []
    ws.on('message', (d) => replies.push(JSON.parse(String(d))))
    for (const m of ['null', '42', '"x"', '[]', '{}', '{"id":null}', '{"id":"7","name":"app.info"}', '{"id":1,"name":"app.info","args":null}',
      '{"id":2,"name":"app.info","args":{"length":1e9}}', '{"id":3,"name":"__proto__"}', '{"id":4,"name":"constructor","args":[]}']) {
      ws.send(m)
    }
    ws.send(Buffer.from([0x00, 0xff, 0x10]), { binary: true })
    await new Promise((r) => setTimeout(r, 500))
    expect(server.alive()).toBe(true)
    expect(replies.length).toBeGreaterThanOrEqual(11)
    expect(replies.every((r) => r.ok === false && r.error?.code === 'BAD_ARGUMENT')).toBe(true)
    expect(await call(ws, 99, 'app.info')).toMatchObject({ ok: true })
    ws.close()
  })

  // The app's own Compare used to send the previous run's 50 000 outputs (9.4 MB) in one request: the server died.
  it('Run to end, Restart, Compare on running-count.ts over clicks.jsonl: small requests, a full comparison', async () => {
    const ws = await server.connect()
    const sent: number[] = []
    const send = ws.send.bind(ws)
    ws.send = ((data: string) => { sent.push(data.length); send(data) }) as typeof ws.send
    const start = async (id: number): Promise<string> => {
      const r = await call(ws, id, 'session.start', [{ jobPath: 'examples/running-count.ts', recordingPath: 'recordings/clicks.jsonl', backend: 'heap', processingTime: 'follow' }])
      expect(r.ok, JSON.stringify(r.error)).toBe(true)
      return (r.result as { sessionId: string }).sessionId
    }
    const first = await start(1)
    expect(await call(ws, 2, 'session.step', [first, { kind: 'end' }])).toMatchObject({ ok: true, result: { status: { finished: true } } })
    const kept = await call(ws, 3, 'session.close', [first, { keepOutputs: true }])
    expect(kept).toMatchObject({ ok: true, result: { runId: first, outputs: 50_000 } })
    const second = await start(4)
    await call(ws, 5, 'session.step', [second, { kind: 'end' }])
    const cmp = await call(ws, 6, 'session.compareOutputs', [second, first])
    expect(cmp).toMatchObject({ ok: true, result: { added: [], removed: [], changed: [], unchanged: 50_000 } })
    expect(Math.max(...sent)).toBeLessThan(1000)
    expect(server.alive()).toBe(true)
    await call(ws, 7, 'session.close', [second])
    ws.close()
  })
})
