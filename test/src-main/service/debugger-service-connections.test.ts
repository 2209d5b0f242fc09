// DebuggerService connections against the real engine and real files: a request runs through its
// connection (at most 64 in flight), identical scans are shared between connections, and the work of a
// connection that goes away is cancelled unless another connection still waits for it.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ContractEvents } from '../../../src-main/common/contract'
import { createDebuggerService } from '../../../src-main/service/create-service'
import type { DebuggerService } from '../../../src-main/service/debugger-service'

const root = join(import.meta.dirname, '../../..')
let workspace: string
let big: string
let service: DebuggerService
let progress: ContractEvents['recordings.progress'][]

beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'riffle-conn-'))
  big = join(workspace, 'big.jsonl')
  // About 25 MB: a scan takes long enough to leave in the middle of it.
  const line = (i: number): string => JSON.stringify({ ts: 1_700_000_000_000 + i, user_id: 'u' + (i % 5000), type: 'view', pad: 'x'.repeat(200) })
  const chunk: string[] = []
  for (let i = 0; i < 100_000; i++) chunk.push(line(i))
  writeFileSync(big, chunk.join('\n') + '\n')
})

beforeEach(() => {
  service = createDebuggerService({ mode: 'browser', version: 't', projectRoot: root, workspace })
  progress = []
  service.onEvent((event, payload) => { if (event === 'recordings.progress') progress.push(payload as ContractEvents['recordings.progress']) })
})
afterEach(async () => { await service.dispose() })

const firstProgress = async (): Promise<void> => {
  while (!progress.some((p) => p.path === big && !p.done)) await new Promise((r) => setTimeout(r, 5))
}

describe('DebuggerService connections', () => {
  it('a scan whose only asker leaves is stopped: no more progress, no result cached', async () => {
    const a = service.connect()
    const pending = a.dispatch('recordings.scan', [big])
    await firstProgress()
    a.release()
    expect(await pending).toMatchObject({ ok: false, error: { code: 'STOPPED' } })
    const seen = progress.length
    await new Promise((r) => setTimeout(r, 300))
    expect(progress.length - seen).toBeLessThanOrEqual(1)
    expect(progress.some((p) => p.path === big && p.done)).toBe(false)
    // Asked again, it is scanned afresh and completes.
    const b = service.connect()
    expect(await b.dispatch('recordings.scan', [big])).toMatchObject({ ok: true, result: { events: 100_000 } })
  })

  it('a scan two connections asked for goes on when one leaves, and runs once', async () => {
    const a = service.connect()
    const b = service.connect()
    const pa = a.dispatch('recordings.scan', [big])
    const pb = b.dispatch('recordings.scan', [big])
    await firstProgress()
    a.release()
    expect(await pa).toMatchObject({ ok: false })
    expect(await pb).toMatchObject({ ok: true, result: { events: 100_000 } })
    expect(progress.filter((p) => p.path === big && p.done)).toHaveLength(1)
  })

  it('past 64 requests in flight a connection is refused with TOO_MANY_REQUESTS; another connection is not', async () => {
    const a = service.connect()
    const calls = Array.from({ length: 70 }, () => a.dispatch('recordings.scan', [big]))
    const other = await service.connect().dispatch('app.info', [])
    expect(other.ok).toBe(true)
    const replies = await Promise.all(calls)
    expect(replies.filter((r) => r.ok)).toHaveLength(64)
    expect(replies.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(Array(6).fill('TOO_MANY_REQUESTS'))
    expect(progress.filter((p) => p.path === big && p.done)).toHaveLength(1)
  })
})
