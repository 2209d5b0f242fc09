// A WebSocket client that writes raw frames (any opcode, any bytes, a lying length), for tests of what the
// server does with frames no well-behaved client sends.
import { randomBytes } from 'node:crypto'
import { connect, type Socket } from 'node:net'

export interface RawSocket {
  socket: Socket
  /** Writes one frame; the payload is masked as a client must. */
  frame(opcode: number, payload: Buffer, opts?: { fin?: boolean; rsv?: number; declaredLength?: number }): void
  /** Resolves when the server closes the TCP connection (or after `ms`: 'open'). */
  closed(ms?: number): Promise<'closed' | 'open'>
  /** Everything the server sent after the handshake. */
  received(): Buffer
}

export function rawWebSocket(port: number, token: string): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let buf = Buffer.alloc(0)
    let upgraded = false
    let ended = false
    const endWaiters: Array<() => void> = []
    socket.on('error', () => { /* the server may reset: that is a close too */ })
    socket.on('close', () => {
      ended = true
      for (const w of endWaiters) w()
      if (!upgraded) reject(new Error('the server closed the connection before the upgrade'))
    })
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d])
      if (upgraded) return
      const end = buf.indexOf('\r\n\r\n')
      if (end < 0) return
      const head = buf.subarray(0, end).toString()
      if (!head.startsWith('HTTP/1.1 101')) { reject(new Error(head)); return }
      upgraded = true
      buf = buf.subarray(end + 4)
      resolve(raw)
    })
    socket.write(`GET /rpc?token=${encodeURIComponent(token)} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\n`
      + `Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`)
    const raw: RawSocket = {
      socket,
      frame(opcode, payload, opts = {}) {
        const len = opts.declaredLength ?? payload.length
        const head: number[] = [((opts.fin ?? true) ? 0x80 : 0) | ((opts.rsv ?? 0) << 4) | opcode]
        if (len < 126) head.push(0x80 | len)
        else if (len < 65536) head.push(0x80 | 126, len >> 8, len & 255)
        else { head.push(0x80 | 127); const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(len)); head.push(...b) }
        const mask = randomBytes(4)
        const body = Buffer.from(payload)
        for (let i = 0; i < body.length; i++) body[i] ^= mask[i & 3]
        socket.write(Buffer.concat([Buffer.from(head), mask, body]))
      },
      closed: (ms = 3_000) => new Promise((ok) => {
        if (ended) { ok('closed'); return }
        endWaiters.push(() => ok('closed'))
        setTimeout(() => ok('open'), ms)
      }),
      received: () => buf,
    }
  })
}
