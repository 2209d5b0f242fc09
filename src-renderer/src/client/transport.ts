// The two ways the renderer reaches the service, behind one typed client: the Electron preload
// (`window.riffle`) or, in browser mode, a loopback WebSocket authenticated by the launch token in the URL.
import type {
  ContractEvents, Envelope, EventMessage, EventName, RequestArgs, RequestName, RequestResult, RiffleBridge,
} from '@common/contract'
import { MAX_MESSAGE_BYTES } from '@common/contract'
import { RiffleError } from '@common/errors'

export interface RiffleClient {
  readonly transport: 'ipc' | 'websocket'
  call<K extends RequestName>(name: K, ...args: RequestArgs<K>): Promise<RequestResult<K>>
  on<E extends EventName>(event: E, listener: (payload: ContractEvents[E]) => void): () => void
  /** Called once if the connection to the service is lost (browser mode's WebSocket closed); returns the unsubscribe. */
  onDisconnect(listener: (reason: string) => void): () => void
}

type Listener = (message: EventMessage) => void

function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.result
  throw RiffleError.fromInfo(envelope.error)
}

function typedOn(subscribe: (l: Listener) => () => void) {
  return <E extends EventName>(event: E, listener: (payload: ContractEvents[E]) => void): (() => void) =>
    subscribe((m) => { if (m.event === event) listener(m.payload as ContractEvents[E]) })
}

/** Client over the Electron preload bridge. */
export function ipcClient(bridge: RiffleBridge): RiffleClient {
  return {
    transport: 'ipc',
    call: async (name, ...args) => unwrap(await bridge.invoke(name, ...args)),
    on: typedOn((l) => bridge.onEvent(l)),
    // IPC lives as long as the window: there is no connection to lose.
    onDisconnect: () => () => {},
  }
}

/** Client over the browser-mode WebSocket; reconnects are not attempted (the token is per launch). */
export function websocketClient(url: string, WebSocketImpl: typeof WebSocket = WebSocket): RiffleClient {
  const listeners = new Set<Listener>()
  const lostListeners = new Set<(reason: string) => void>()
  const pending = new Map<number, (e: Envelope<unknown>) => void>()
  let nextId = 1
  let closedReason: string | null = null
  const socket = new WebSocketImpl(url)
  const opened = new Promise<void>((ok, fail) => {
    socket.addEventListener('open', () => ok(), { once: true })
    socket.addEventListener('error', () => fail(RiffleError.fromInfo({
      code: 'INTERNAL', message: 'Cannot reach the Riffle service (is the token in the URL right?).',
    })), { once: true })
  })
  opened.catch(() => {})
  socket.addEventListener('message', (ev) => {
    const msg = JSON.parse(String(ev.data)) as ({ id: number } & Envelope<unknown>) | EventMessage
    if ('event' in msg) { for (const l of listeners) l(msg); return }
    const resolve = pending.get(msg.id)
    pending.delete(msg.id)
    resolve?.(msg)
  })
  socket.addEventListener('close', (ev) => {
    closedReason = `The connection to the Riffle service closed (${ev.code}${ev.reason ? ': ' + ev.reason : ''}).`
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'INTERNAL', message: closedReason } })
    pending.clear()
    for (const l of lostListeners) l(closedReason)
  })
  return {
    transport: 'websocket',
    async call(name, ...args) {
      await opened
      if (closedReason) throw RiffleError.fromInfo({ code: 'INTERNAL', message: closedReason })
      // A socket the service is closing has not fired 'close' yet; sending on it only logs a browser error.
      if (socket.readyState !== socket.OPEN) {
        throw RiffleError.fromInfo({ code: 'INTERNAL', message: 'The connection to the Riffle service is closing.' })
      }
      const id = nextId++
      const text = JSON.stringify({ id, name, args })
      // The service closes the whole connection (and orphans this window's sessions) on a frame past its limit.
      const bytes = new TextEncoder().encode(text).length
      if (bytes > MAX_MESSAGE_BYTES) {
        const mb = (n: number): string => `${Math.round(n / 1024 / 1024)} MB`
        throw RiffleError.fromInfo({ code: 'BAD_ARGUMENT', message: `The request ${name} is ${mb(bytes)}, more than the ${mb(MAX_MESSAGE_BYTES)} the service accepts: send less at once.` })
      }
      const reply = new Promise<Envelope<unknown>>((ok) => pending.set(id, ok))
      socket.send(text)
      return unwrap(await reply) as RequestResult<typeof name>
    },
    on: typedOn((l) => { listeners.add(l); return () => { listeners.delete(l) } }),
    onDisconnect: (l) => { lostListeners.add(l); return () => { lostListeners.delete(l) } },
  }
}
