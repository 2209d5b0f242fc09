// The recordings list reads recordings/ for the page, so it keeps the workspace's rule: a link in recordings/ that
// leads out of the allowed folders is listed with the reason (naming the link and where it leads), not read, and
// the same path is refused by "Open path…"; a plain recording and a link that stays inside are listed as before.
import { copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createDebuggerService } from '../../../src-main/service/create-service'
import { dispatch } from '../../../src-main/service/dispatch'

const clicks = join(import.meta.dirname, '../../../recordings/clicks-small.jsonl')
const base = realpathSync(mkdtempSync(join(tmpdir(), 'riffle-rec-links-')))
const project = join(base, 'project')
const outside = join(base, 'outside')
for (const d of [join(project, 'recordings'), join(project, 'workspace'), outside]) mkdirSync(d, { recursive: true })
copyFileSync(clicks, join(project, 'recordings/plain.jsonl'))
copyFileSync(clicks, join(outside, 'private.jsonl'))
symlinkSync(join(outside, 'private.jsonl'), join(project, 'recordings/leak.jsonl'))
symlinkSync(join(project, 'recordings/plain.jsonl'), join(project, 'recordings/alias.jsonl'))
const service = createDebuggerService({ mode: 'browser', version: 't', projectRoot: project, workspace: join(project, 'workspace') })
afterAll(async () => { await service.dispose(); rmSync(base, { recursive: true, force: true }) })

describe('recordings reached through a link', () => {
  it('are listed with the reason, unread, when the link leads out; as before when it stays inside', async () => {
    const recs = await service.handlers['recordings.list']()
    const leak = recs.find((r) => r.name === 'leak.jsonl')
    expect(leak).toMatchObject({ events: 0, firstTimestamp: null })
    expect(leak?.error).toContain(`through the link ${join(project, 'recordings/leak.jsonl')} to ${join(outside, 'private.jsonl')}`)
    expect(recs.find((r) => r.name === 'plain.jsonl')).toMatchObject({ events: 40 })
    expect(recs.find((r) => r.name === 'plain.jsonl')?.error).toBeUndefined()
    expect(recs.find((r) => r.name === 'alias.jsonl')).toMatchObject({ events: 40 })
  })

  it('are refused by "Open path…" the same way', async () => {
    const r = await dispatch(service.handlers, 'recordings.scan', [join(project, 'recordings/leak.jsonl')])
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT', message: expect.stringContaining('leads through the link') } })
  })
})
