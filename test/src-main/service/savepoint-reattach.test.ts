// A reload after Load savepoint…: the reattached page is told the step the loaded savepoint put the session at (its
// time travel starts there), as it is told the step the session stands at; a session that loaded none says null.
// Real service, real worker, real example.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { SessionStarted } from '../../../src-main/common/contract'
import { createDebuggerService } from '../../../src-main/service/create-service'
import type { DebuggerService } from '../../../src-main/service/debugger-service'

const root = join(import.meta.dirname, '../../..')
const jobPath = join(root, 'examples/running-count.ts')
const clicks = join(root, 'recordings/clicks-small.jsonl')
let service: DebuggerService
afterEach(async () => { await service.dispose() })

describe('reattach after a loaded savepoint', () => {
  it("says the savepoint's step, and null for a session that loaded none", async () => {
    service = createDebuggerService({ mode: 'browser', version: 't', projectRoot: root, workspace: mkdtempSync(join(tmpdir(), 'riffle-sp-re-')), reattachMs: 5000 })
    const a = service.connect()
    const r = await a.dispatch('session.start', [{ jobPath, jobSource: readFileSync(jobPath, 'utf8'), recordingPath: clicks, backend: 'heap', processingTime: 'follow' }])
    if (!r.ok) throw new Error(r.error.message)
    const s = r.result as SessionStarted
    for (let i = 0; i < 5; i++) await a.dispatch('session.step', [s.sessionId, { kind: 'step' }])
    expect(await a.dispatch('session.saveSavepoint', [s.sessionId, 'sp'])).toMatchObject({ ok: true })
    a.release()
    const b = service.connect()
    expect(await b.dispatch('session.attach', [s.sessionId, s.secret])).toMatchObject({ ok: true, result: { loadedAt: null } })
    await b.dispatch('session.seek', [s.sessionId, 9])
    expect(await b.dispatch('session.loadSavepoint', [s.sessionId, 'sp'])).toMatchObject({ ok: true, result: { status: { step: 5 } } })
    await b.dispatch('session.step', [s.sessionId, { kind: 'step' }])
    b.release()
    const c = service.connect()
    expect(await c.dispatch('session.attach', [s.sessionId, s.secret])).toMatchObject({ ok: true, result: { status: { step: 6 }, loadedAt: 5 } })
  }, 60_000)
})
