// One browser-mode WebSocket connection: each text message is one contract request, checked for shape before
// any field is read; the reply carries the request's id. A message that is not a request gets an error reply,
// a frame ws cannot accept (too large, invalid UTF-8, a reserved opcode) closes this connection (ws does that
// and reports an 'error', which is only logged): nothing a client sends can end the process.
import type { WebSocket } from 'ws'
import type { Envelope } from '../common/contract'
import type { ErrorInfo } from '../common/errors'
import type { ServiceConnection } from './service-connection'

/** A reply above this many bytes is replaced by an error (the request asked for too much at once). */
export const MAX_REPLY_BYTES = 64 * 1024 * 1024

/** A client that does not read what it is sent is cut off past this much queued data (replies and events). */
export const MAX_BUFFERED_BYTES = 96 * 1024 * 1024

type Parsed = { ok: true; id: number; name: string; args: unknown } | { ok: false; id: number | null; error: ErrorInfo }

export function serveRpcSocket(ws: WebSocket, connection: ServiceConnection): void {
  ws.on('error', (err) => console.error('Riffle: a WebSocket connection failed and was closed:', err.message))
  const unsubscribe = connection.onEvent((message) => send(ws, message))
  ws.on('close', () => { unsubscribe(); connection.release() })
  ws.on('message', (data, isBinary) => {
    const req = parseRequest(data, isBinary)
    if (!req.ok) { send(ws, { id: req.id, ok: false, error: req.error }); return }
    void connection.dispatch(req.name, req.args).then((envelope) => reply(ws, req.id, req.name, envelope))
  })
}

/** Reads one message as `{ id, name, args? }`: id a non-negative safe integer, name a string, args an array. */
export function parseRequest(data: unknown, isBinary: boolean): Parsed {
  const bad = (id: number | null, message: string): Parsed => ({ ok: false, id, error: { code: 'BAD_ARGUMENT', message } })
  if (isBinary) return bad(null, 'A request must be a text message (JSON), not binary data.')
  let msg: unknown
  try { msg = JSON.parse(String(data)) } catch { return bad(null, 'A request must be JSON: {"id": number, "name": string, "args": [...]}.') }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
    return bad(null, 'A request must be a JSON object {"id": number, "name": string, "args": [...]}.')
  }
  const { id, name, args } = msg as Record<string, unknown>
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return bad(null, 'A request needs an "id" that is a non-negative integer.')
  if (typeof name !== 'string') return bad(id, 'A request needs a "name" (a string).')
  if (args !== undefined && !Array.isArray(args)) return bad(id, `${name.slice(0, 80)}: "args" must be an array.`)
  return { ok: true, id, name, args: args ?? [] }
}

function reply(ws: WebSocket, id: number, name: string, envelope: Envelope<unknown>): void {
  let text: string
  try {
    text = JSON.stringify({ id, ...envelope })
  } catch (err) {
    // Past V8's string limit, or a value JSON cannot hold: an error the caller can read instead of a crash.
    text = JSON.stringify({ id, ok: false, error: { code: 'INTERNAL', message: `The answer to ${name} could not be sent: ${(err as Error).message}` } })
  }
  if (text.length > MAX_REPLY_BYTES) {
    const mb = Math.round(text.length / 1024 / 1024)
    text = JSON.stringify({ id, ok: false, error: { code: 'BAD_ARGUMENT', message: `The answer to ${name} is ${mb} MB, more than a reply may carry (${MAX_REPLY_BYTES / 1024 / 1024} MB): ask for a smaller page.` } })
  }
  sendText(ws, text)
}

function send(ws: WebSocket, value: unknown): void {
  sendText(ws, JSON.stringify(value))
}

function sendText(ws: WebSocket, text: string): void {
  if (ws.readyState !== ws.OPEN) return
  if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
    console.error(`Riffle: a WebSocket client left over ${MAX_BUFFERED_BYTES / 1024 / 1024} MB unread; closing it.`)
    ws.terminate()
    return
  }
  ws.send(text)
}
