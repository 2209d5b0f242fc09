// Browser mode's real server as a child process (.riffle-build/browser-main.mjs, built by bin/riffle-build.mjs)
// over a throwaway project: its URL, port and token, its resident size from /proc, a WebSocket client, and stop.
import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'

export const root = join(import.meta.dirname, '../../..')

export interface ServerChild {
  child: ChildProcess
  port: number
  token: string
  project: string
  /** Everything the process printed so far. */
  output(): string
  /** Resident set size in MB (VmRSS), or null once the process is gone. */
  rssMb(): number | null
  alive(): boolean
  /** Opens an authenticated WebSocket. */
  connect(): Promise<WebSocket>
  /** SIGTERM; resolves with the exit code and signal (or after `timeoutMs` with 'timeout', then SIGKILL). */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: string | null } | 'timeout'>
}

/** A project with examples/ and the given recordings copied in; env is added to the child's. */
export async function startServerChild(recordings: string[] = ['clicks-small.jsonl'], env: Record<string, string> = {}): Promise<ServerChild> {
  const { ensureBuilt } = (await import(join(root, 'bin/riffle-build.mjs'))) as { ensureBuilt(): Promise<string> }
  await ensureBuilt()
  const project = mkdtempSync(join(tmpdir(), 'riffle-child-'))
  cpSync(join(root, 'examples'), join(project, 'examples'), { recursive: true })
  mkdirSync(join(project, 'recordings'))
  for (const r of recordings) cpSync(join(root, 'recordings', r), join(project, 'recordings', r))
  const child = spawn(process.execPath, [join(root, '.riffle-build/browser-main.mjs')], {
    env: { ...process.env, RIFFLE_PROJECT_ROOT: project, RIFFLE_WORKSPACE: join(project, 'workspace'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (d) => { out += d })
  child.stderr!.on('data', (d) => { out += d })
  let exited: { code: number | null; signal: string | null } | null = null
  const exit = new Promise<{ code: number | null; signal: string | null }>((ok) => child.on('exit', (code, signal) => { exited = { code, signal }; ok(exited) }))
  const info = await new Promise<{ port: number; token: string }>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`the server did not start within 20 s:\n${out}`)), 20_000)
    child.stdout!.on('data', () => {
      const m = /^RIFFLE_SERVER (.*)$/m.exec(out)
      if (m) { clearTimeout(timer); ok(JSON.parse(m[1]) as { port: number; token: string }) }
    })
    void exit.then((e) => { clearTimeout(timer); fail(new Error(`the server exited (${e.code ?? e.signal}) before it was ready:\n${out}`)) })
  })
  return {
    child, project, ...info,
    output: () => out,
    alive: () => exited === null,
    rssMb: () => {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))
        return m ? Number(m[1]) / 1024 : null
      } catch { return null }
    },
    connect: () => new Promise((ok, fail) => {
      const ws = new WebSocket(`ws://127.0.0.1:${info.port}/rpc?token=${encodeURIComponent(info.token)}`, { maxPayload: 256 * 1024 * 1024 })
      ws.once('open', () => ok(ws))
      ws.once('error', fail)
    }),
    stop: async (timeoutMs = 10_000) => {
      if (exited !== null) return exited
      child.kill('SIGTERM')
      const r = await Promise.race([exit, new Promise<'timeout'>((ok) => setTimeout(() => ok('timeout'), timeoutMs))])
      if (r === 'timeout') { child.kill('SIGKILL'); await exit }
      return r
    },
  }
}

/** One request over a WebSocket; resolves with the reply envelope. */
export function call(ws: WebSocket, id: number, name: string, args: unknown[] = []): Promise<{ id: number; ok: boolean; result?: unknown; error?: { code: string; message: string } }> {
  return new Promise((resolve) => {
    const onMsg = (d: WebSocket.RawData): void => {
      const m = JSON.parse(String(d)) as { id?: number; ok: boolean }
      if (m.id === id) { ws.off('message', onMsg); resolve(m as never) }
    }
    ws.on('message', onMsg)
    ws.send(JSON.stringify({ id, name, args }))
  })
}
