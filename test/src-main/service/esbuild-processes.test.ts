// Browser mode: N sessions started and closed leave no esbuild process behind (before, each session's worker
// left one zombie esbuild until the service stopped). The service's thread keeps one esbuild for its compiles.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DebuggerService } from '../../../src-main/service/debugger-service'
import { createDebuggerService } from '../../../src-main/service/create-service'
import { dispatch } from '../../../src-main/service/dispatch'

const root = join(import.meta.dirname, '../../..')
const N = 5

/** This process's esbuild children as "pid state" (state Z: exited, never reaped). */
function esbuildChildren(): string[] {
  const out: string[] = []
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue
    let stat: string
    try { stat = readFileSync(`/proc/${d}/stat`, 'utf8') } catch { continue } // ended meanwhile
    const m = /^\d+ \((.*)\) (\S) (\d+)/.exec(stat)
    if (m && m[1] === 'esbuild' && Number(m[3]) === process.pid) out.push(`${d} ${m[2]}`)
  }
  return out
}

let service: DebuggerService
beforeEach(() => {
  service = createDebuggerService({ mode: 'browser', version: 't', projectRoot: root, workspace: mkdtempSync(join(tmpdir(), 'riffle-esb-')) })
})
afterEach(async () => { await service.dispose() })

describe('esbuild processes in browser mode', () => {
  it(`stay flat over ${N} compiles (no zombie per session)`, async () => {
    const before = esbuildChildren().length
    let afterOne = 0
    for (let i = 0; i < N; i++) {
      const r = await dispatch(service.handlers, 'session.start', [{
        jobPath: join(root, 'examples/running-count.ts'), recordingPath: join(root, 'recordings/clicks-small.jsonl'),
        backend: 'heap', processingTime: 'follow',
      }])
      if (!r.ok) throw new Error(r.error.message)
      await dispatch(service.handlers, 'session.close', [(r.result as { sessionId: string }).sessionId])
      if (i === 0) afterOne = esbuildChildren().length
    }
    expect(afterOne).toBeLessThanOrEqual(before + 1)
    await vi.waitFor(() => {
      const now = esbuildChildren()
      expect(now.filter((p) => p.endsWith(' Z'))).toEqual([])
      expect(now.length).toBeLessThanOrEqual(afterOne)
    }, { timeout: 3_000, interval: 100 })
  })
})
