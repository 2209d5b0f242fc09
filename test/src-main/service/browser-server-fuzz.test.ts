// A bounded fuzz of browser mode's real process (a child): random bytes and random requests over HTTP, random
// JSON and random contract calls over the WebSocket, raw frames of every opcode with random flags, lengths
// and bytes (oversized, bad UTF-8, reserved opcodes), null messages, and thousands of concurrent calls on
// several connections. It ends with the process alive, answering, and within 200 MB of its resident size
// before. The inputs come from fast-check with a fixed seed (FUZZ_SEED=n for another run).
import { connect } from 'node:net'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REQUEST_NAMES } from '../../../src-main/common/contract'
import { rawWebSocket } from '../helpers/raw-websocket'
import { call, startServerChild, type ServerChild } from '../helpers/server-child'

const seed = Number(process.env.FUZZ_SEED ?? 20240225)
let server: ServerChild
let baseline = 0
let peak = 0
let watch: NodeJS.Timeout

beforeAll(async () => {
  server = await startServerChild(['clicks-small.jsonl', 'logins.jsonl'])
  const ws = await server.connect()
  await call(ws, 1, 'app.info')
  await call(ws, 2, 'recordings.list')
  ws.close()
  await new Promise((r) => setTimeout(r, 300))
  baseline = server.rssMb()!
  watch = setInterval(() => {
    const rss = server.rssMb() ?? 0
    peak = Math.max(peak, rss)
    if (rss > baseline + 2000) server.child.kill('SIGKILL') // never let a runaway take the shared machine
  }, 100)
  console.log(`    fuzz seed ${seed}`)
})
afterAll(async () => { clearInterval(watch); await server.stop() })

const sample = <T>(arb: fc.Arbitrary<T>, n: number, offset = 0): T[] => fc.sample(arb, { numRuns: n, seed: seed + offset })

/** Writes raw bytes to the HTTP port and waits for the server to answer or close. */
function rawHttp(bytes: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(server.port, '127.0.0.1')
    let got = ''
    const done = (): void => { s.destroy(); resolve(got.split('\r\n')[0]) }
    s.on('data', (d) => { got += d.toString('latin1'); if (got.includes('\r\n')) done() })
    s.on('error', done)
    s.on('close', done)
    s.setTimeout(3_000, done)
    s.end(bytes)
  })
}

const path = fc.oneof(
  fc.string({ maxLength: 60 }).map((p) => '/' + p),
  fc.uint8Array({ maxLength: 40 }).map((b) => '/' + [...b].map((x) => '%' + x.toString(16).padStart(2, '0')).join('')),
  fc.constantFrom('//', '/%', '/%E0%A4%A', '/..%2f..%2fetc/passwd', '*', '//rpc', '/rpc', '/index.html', '/\\..\\x'),
  fc.uint8Array({ minLength: 1, maxLength: 40 }).map((b) => '/' + Buffer.from(b).toString('latin1')),
)
const method = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'CONNECT', 'BREW', 'G\u00e9T')

describe('browser mode fuzz', () => {
  it('random HTTP requests and raw garbage get answers or a closed connection, never a dead server', async () => {
    const requests = sample(fc.tuple(method, path, fc.boolean()), 300)
    const garbage = sample(fc.uint8Array({ maxLength: 2000 }), 60, 1)
    const firstLines = await Promise.all([
      ...requests.map(([m, p, upgrade]) => rawHttp(Buffer.from(`${m} ${p} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n`
        + (upgrade ? 'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' : '')
        + '\r\n', 'latin1'))),
      ...garbage.map((g) => rawHttp(Buffer.from(g))),
    ])
    expect(server.alive()).toBe(true)
    // Every answer is an HTTP status line (or the connection was closed without one): no 5xx.
    for (const l of firstLines) if (l !== '') expect(l).toMatch(/^HTTP\/1\.1 [1-4]\d\d /)
  })

  it('random JSON and random contract calls over the WebSocket get a reply each, and the server stays up', async () => {
    const ws = await server.connect()
    const replies: Array<{ id?: unknown; ok?: boolean }> = []
    ws.on('message', (d) => { const m = JSON.parse(String(d)) as { id?: unknown; ok?: boolean; event?: string }; if (m.event === undefined) replies.push(m) })
    const texts = [
      ...sample(fc.json(), 300, 2),
      ...sample(fc.jsonValue(), 200, 3).map((v) => JSON.stringify({ id: 7, name: 'app.info', args: v })),
      'null', 'true', '[]', '""', '{"id":-1}', '{"id":1e400}', '{"__proto__":{"id":1}}',
    ]
    // Calls by real names with random arguments: zod must refuse them before any handler runs.
    const calls = sample(fc.tuple(fc.constantFrom(...REQUEST_NAMES.filter((n) => !n.startsWith('dialog.'))), fc.array(fc.jsonValue(), { maxLength: 4 })), 500, 4)
    for (const t of texts) ws.send(t)
    calls.forEach(([name, args], i) => ws.send(JSON.stringify({ id: 1000 + i, name, args })))
    ws.send(Buffer.from(sample(fc.uint8Array({ maxLength: 100 }), 1, 5)[0]), { binary: true })
    const expected = texts.length + calls.length + 1
    const t0 = Date.now()
    while (replies.length < expected && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 50))
    expect(replies.length).toBe(expected)
    expect(server.alive()).toBe(true)
    expect(await call(ws, 99_999, 'app.info')).toMatchObject({ ok: true })
    ws.close()
  })

  it('raw frames: every opcode, random flags and lengths, oversized and bad UTF-8 — at most that connection closes', async () => {
    const frames = sample(fc.record({
      opcode: fc.integer({ min: 0, max: 15 }),
      fin: fc.boolean(),
      rsv: fc.integer({ min: 0, max: 7 }),
      payload: fc.uint8Array({ maxLength: 300 }),
      lie: fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: 2 ** 31 })),
    }), 120, 6)
    for (const f of frames) {
      const r = await rawWebSocket(server.port, server.token)
      r.frame(f.opcode, Buffer.from(f.payload), { fin: f.fin, rsv: f.rsv, declaredLength: f.lie })
      r.frame(1, Buffer.from('{"id":1,"name":"app.info","args":[]}'))
      await r.closed(150)
      r.socket.destroy()
    }
    const big = await rawWebSocket(server.port, server.token)
    big.frame(1, Buffer.alloc(9 * 1024 * 1024, 0x41))
    expect(await big.closed()).toBe('closed')
    const utf8 = await rawWebSocket(server.port, server.token)
    utf8.frame(1, Buffer.from([0x22, 0xc3, 0x28, 0x22]))
    expect(await utf8.closed()).toBe('closed')
    expect(server.alive()).toBe(true)
  })

  it('thousands of concurrent calls on several connections, then memory comes back and the server answers', async () => {
    const sockets = await Promise.all(Array.from({ length: 8 }, () => server.connect()))
    const names = ['app.info', 'recordings.list', 'files.list', 'examples.list', 'session.status']
    const answered = await Promise.all(sockets.map((ws, c) => new Promise<number>((resolve) => {
      let n = 0
      ws.on('message', (d) => { if (JSON.parse(String(d)).id !== undefined && ++n === 1000) resolve(n) })
      for (let i = 0; i < 1000; i++) {
        const name = names[(i + c) % names.length]
        ws.send(JSON.stringify({ id: i, name, args: name === 'session.status' ? ['s000000000000'] : [] }))
      }
    })))
    expect(answered).toEqual(Array(8).fill(1000))
    for (const ws of sockets) ws.close()
    const ws = await server.connect()
    expect(await call(ws, 1, 'app.info')).toMatchObject({ ok: true })
    ws.close()
    const t0 = Date.now()
    let rss = server.rssMb()!
    while (rss > baseline + 200 && Date.now() - t0 < 30_000) { await new Promise((r) => setTimeout(r, 250)); rss = server.rssMb()! }
    console.log(`    RSS: ${baseline.toFixed(0)} MB before the fuzz, peak ${peak.toFixed(0)} MB, ${rss.toFixed(0)} MB after`)
    expect(rss).toBeLessThan(baseline + 200)
    expect(server.alive()).toBe(true)
  })
})
