// The app:// protocol handler against a mocked `electron` (protocol.handle captured): files inside the
// renderer folder are fetched, anything else — another host, a path outside, a malformed escape — is an
// HTTP error response, never a throw inside Electron's handler.
import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', async () => (await import('./electron-mock')).electronModule())
const electron = await import('electron')
const { serveRenderer } = await import('../../../src-main/app/app-protocol')

type Handler = (request: { url: string }) => Response | Promise<Response>

function handler(): Handler {
  const handle = electron.protocol.handle as unknown as ReturnType<typeof vi.fn>
  handle.mockClear()
  serveRenderer('/app/renderer')
  return handle.mock.calls[0][1] as Handler
}

describe('app:// protocol', () => {
  it('fetches files inside the renderer folder', async () => {
    const fetch = electron.net.fetch as unknown as ReturnType<typeof vi.fn>
    fetch.mockResolvedValue(new Response('ok'))
    await handler()({ url: 'app://riffle/assets/index.js' })
    expect(fetch).toHaveBeenCalledWith('file:///app/renderer/assets/index.js')
  })

  it('answers 404 for another host or a path outside the folder, and 400 for a malformed escape', async () => {
    const h = handler()
    expect((await h({ url: 'app://evil/index.html' })).status).toBe(404)
    expect((await h({ url: 'app://riffle/..%2f..%2fetc/passwd' })).status).toBe(404)
    expect((await h({ url: 'app://riffle/%E0%A4%A' })).status).toBe(400)
  })
})
