// A stampede against browser mode's real process (a child, its resident size read from /proc): 10 000
// recordings.list calls at once on one connection, then many connections that flood and leave. Identical
// in-flight scans are shared, at most 64 requests run per connection (the rest are refused with
// TOO_MANY_REQUESTS), the work of a closed connection stops, the process returns to within 200 MB of its
// resident size before the flood, and SIGTERM still ends it promptly.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import { call, root, startServerChild, type ServerChild } from '../helpers/server-child'

const recordings = readdirSync(join(root, 'recordings')).filter((n) => /\.(jsonl|csv)$/.test(n) && !n.startsWith('big-'))
let server: ServerChild
let watchdog: NodeJS.Timeout
let peakMb = 0

beforeAll(async () => {
  server = await startServerChild(recordings)
  // A flood that is not contained could take the shared machine's memory: stop the child past 2.5 GB.
  watchdog = setInterval(() => {
    const rss = server.rssMb() ?? 0
    peakMb = Math.max(peakMb, rss)
    if (rss > 2500) server.child.kill('SIGKILL')
  }, 100)
})
afterAll(async () => { clearInterval(watchdog); await server.stop() })

/** Sends n requests at once; resolves with every reply (or what arrived before the socket closed). */
function flood(ws: WebSocket, n: number, firstId: number, name = 'recordings.list'): Promise<Array<{ ok: boolean; error?: { code: string; message: string } }>> {
  return new Promise((resolve) => {
    const replies: Array<{ ok: boolean; error?: { code: string; message: string } }> = []
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as { id?: number; ok: boolean }
      if (typeof m.id === 'number' && m.id >= firstId && m.id < firstId + n) replies.push(m)
      if (replies.length === n) resolve(replies)
    })
    ws.on('close', () => resolve(replies))
    for (let i = 0; i < n; i++) ws.send(JSON.stringify({ id: firstId + i, name, args: [] }))
  })
}

async function settledRss(limitMb: number, ms = 30_000): Promise<number> {
  const t0 = Date.now()
  let rss = server.rssMb() ?? Infinity
  while (rss > limitMb && Date.now() - t0 < ms) {
    await new Promise((r) => setTimeout(r, 250))
    rss = server.rssMb() ?? Infinity
  }
  return rss
}

describe('browser mode under a flood', () => {
  it('10 000 recordings.list at once on one connection: 64 run (one scan per file), the rest are refused, memory comes back', async () => {
    const warm = await server.connect()
    await call(warm, 1, 'app.info')
    await call(warm, 2, 'examples.list')
    warm.close()
    await new Promise((r) => setTimeout(r, 500))
    const baseline = server.rssMb()!
    const ws = await server.connect()
    const progress: string[] = []
    ws.on('message', (d) => { const m = JSON.parse(String(d)); if (m.event === 'recordings.progress' && m.payload.done) progress.push(m.payload.path) })
    const replies = await flood(ws, 10_000, 100)
    expect(replies).toHaveLength(10_000)
    const ok = replies.filter((r) => r.ok)
    const refused = replies.filter((r) => !r.ok)
    expect(ok.length).toBeGreaterThan(0)
    // At most 64 run at once; a slot freed while the server still reads the flood takes a later call (one run on a
    // loaded machine answered 128), so a few times 64 answered is the same limit, and nearly all are refused.
    expect(ok.length).toBeLessThanOrEqual(4 * 64)
    expect(refused.every((r) => r.error?.code === 'TOO_MANY_REQUESTS' && /64 requests/.test(r.error.message))).toBe(true)
    // Shared: each file was scanned once, not once per call.
    expect(progress.length).toBe(recordings.length)
    ws.close()
    const rss = await settledRss(baseline + 200)
    console.log(`    RSS: ${baseline.toFixed(0)} MB before, peak ${peakMb.toFixed(0)} MB, ${rss.toFixed(0)} MB after`)
    expect(rss).toBeLessThan(baseline + 200)
  })

  it('thousands of calls from connections that leave at once: the server stays up and memory comes back', async () => {
    const baseline = server.rssMb()!
    const sockets = await Promise.all(Array.from({ length: 20 }, () => server.connect()))
    for (const [i, ws] of sockets.entries()) {
      for (let j = 0; j < 500; j++) ws.send(JSON.stringify({ id: j, name: j % 2 ? 'recordings.list' : 'files.list', args: [] }))
      if (i % 2 === 0) ws.terminate()
    }
    for (const ws of sockets) ws.terminate()
    const ws = await server.connect()
    expect(await call(ws, 1, 'app.info')).toMatchObject({ ok: true })
    ws.close()
    const rss = await settledRss(baseline + 200)
    expect(rss).toBeLessThan(baseline + 200)
  })

  it('SIGTERM ends the process promptly while sessions run and a flood is in flight', async () => {
    const ws = await server.connect()
    for (let i = 0; i < 3; i++) {
      const r = await call(ws, 10 + i, 'session.start', [{ jobPath: 'examples/running-count.ts', recordingPath: 'recordings/clicks.jsonl', backend: 'heap', processingTime: 'follow' }])
      expect(r.ok).toBe(true)
      ws.send(JSON.stringify({ id: 20 + i, name: 'session.step', args: [(r.result as { sessionId: string }).sessionId, { kind: 'end' }] }))
    }
    for (let j = 0; j < 2000; j++) ws.send(JSON.stringify({ id: 100 + j, name: 'recordings.list', args: [] }))
    const t0 = Date.now()
    const r = await server.stop(10_000)
    expect(r).toEqual({ code: 0, signal: null })
    expect(Date.now() - t0).toBeLessThan(5_000)
  })
})
