// Browser mode's real entry as a child process: hostile requests any web page could send to its loopback
// port leave it alive and serving.
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, startServerChild, type ServerChild } from '../helpers/server-child'

let server: ServerChild
beforeAll(async () => { server = await startServerChild() })
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
})
