// The contract's savepoint requests (session.saveSavepoint, session.loadSavepoint) through DebuggerService, with the
// engine in its worker thread on a real LevelDB and heap: a savepoint taken at step N and loaded later puts the
// session back at N with the state and timers it had there, time travel works from it, and folders a user must not
// write (outside the workspace, a folder that is not a savepoint, a NUL byte) are refused with nothing changed.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ContractEvents } from '../../../src-main/common/contract'
import type { BackendName } from '../../../src-main/common/views'
import type { DebuggerService } from '../../../src-main/service/debugger-service'
import { dispatch } from '../../../src-main/service/dispatch'
import { openService, type PushedEvent, startSeed } from '../helpers/service-case'

let service: DebuggerService
let workspace: string
let events: PushedEvent[]

beforeEach(() => { ({ service, workspace, events } = openService('riffle-svc-sp-')) })
afterEach(async () => { await service.dispose() })

async function start(backend: BackendName): Promise<{ id: string; op: string }> {
  const started = await startSeed(service, backend)
  return { id: started.sessionId, op: started.operators.find((o) => o.keyed)!.id }
}

/** What the inspector shows of the run: every key's state with its timers, and the timer table. */
async function state(id: string, op: string): Promise<unknown> {
  const h = service.handlers
  const keys = await h['session.keys'](id, { operatorId: op, sort: 'key', offset: 0, limit: 1000 })
  const perKey = await Promise.all(keys.items.map((k) => h['session.keyState'](id, op, k.keyStr)))
  return { keys: keys.items.map((k) => k.keyStr), perKey, timers: await h['session.timers'](id, 0, 1000) }
}

describe('session savepoints through the contract', () => {
  for (const [from, to] of [['leveldb', 'leveldb'], ['heap', 'leveldb'], ['leveldb', 'heap']] as const) {
    it(`a ${from} savepoint at step 6, loaded into a ${to} session at the end, stands at step 6 with that state; time travel goes on from it`, async () => {
      const h = service.handlers
      const a = await start(from)
      for (let i = 0; i < 6; i++) await h['session.step'](a.id, { kind: 'step' })
      const atSix = await state(a.id, a.op)
      const saved = await h['session.saveSavepoint'](a.id, 'savepoints/at-6')
      expect(saved).toEqual({ path: join(workspace, 'savepoints/at-6'), step: 6 })
      expect(existsSync(join(workspace, 'savepoints/at-6/manifest.json'))).toBe(true)
      await h['session.seek'](a.id, 9)
      const atNine = await state(a.id, a.op)

      const b = from === to ? a : await start(to)
      const end = await h['session.step'](b.id, { kind: 'end' })
      expect(end.status.step).toBeGreaterThan(9)
      const loaded = await h['session.loadSavepoint'](b.id, join(workspace, 'savepoints/at-6'))
      expect(loaded.path).toBe(join(workspace, 'savepoints/at-6'))
      expect(loaded.status.step).toBe(6)
      expect(loaded.status.finished).toBe(false)
      expect(await state(b.id, b.op)).toEqual(atSix)
      // The charts' samples past step 6 were the replaced run's: they are gone, step 6's is there.
      const series = (await h['session.series'](b.id)).samples
      expect(series.at(-1)).toMatchObject({ step: 6, recordsIn: loaded.status.recordsIn, keys: loaded.status.keys })
      // The owner's status line moves with it.
      await new Promise((ok) => setTimeout(ok, 80))
      const pushed = events.filter((e) => e.event === 'session.status' && (e.payload as ContractEvents['session.status']).sessionId === b.id).at(-1)
      expect((pushed?.payload as ContractEvents['session.status']).status.step).toBe(6)
      // Stepping and time travel continue from the savepoint, on the same timeline as the run it was taken from.
      for (let i = 0; i < 3; i++) await h['session.step'](b.id, { kind: 'step' })
      expect(await state(b.id, b.op)).toEqual(atNine)
      // State history and the key timeline replay from the savepoint's step (they replayed from step 0 and failed).
      const keys = (await h['session.keys'](b.id, { operatorId: b.op, offset: 0, limit: 100 })).items.map((k) => k.keyStr)
      const history = (await Promise.all(keys.map((k) => h['session.keyHistory'](b.id, b.op, k)))).flatMap((x) => x.entries.map((e) => e.step))
      expect(history.sort()).toEqual([7, 8, 9])
      const timeline = (await Promise.all(keys.map((k) => h['session.keyTimeline'](b.id, b.op, k)))).flatMap((x) => x.events.map((e) => e.step))
      expect(timeline.sort()).toEqual([7, 8, 9])
      expect((await h['session.status'](b.id)).step).toBe(9)
      expect((await h['session.seek'](b.id, 6)).status.step).toBe(6)
      expect(await state(b.id, b.op)).toEqual(atSix)
      const before = await dispatch(h, 'session.seek', [b.id, 2])
      expect(before).toMatchObject({ ok: false, error: { message: expect.stringMatching(/cannot go back before step 6/) } })
    })
  }

  it('refuses folders outside the workspace, a non-empty folder that is not a savepoint, and a NUL byte, writing nothing', async () => {
    const h = service.handlers
    const { id } = await start('leveldb')
    await h['session.step'](id, { kind: 'step' })
    const outside = mkdtempSync(join(tmpdir(), 'riffle-svc-sp-out-'))
    for (const path of ['../escape', join(outside, 'sp'), workspace, '.']) {
      const r = await dispatch(h, 'session.saveSavepoint', [id, path])
      expect(r).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT', message: expect.stringMatching(/not a folder inside the workspace/) } })
    }
    // A link inside the workspace to a folder outside it leads outside too.
    symlinkSync(outside, join(workspace, 'link'))
    for (const path of ['link/sp', 'link']) {
      const r = await dispatch(h, 'session.saveSavepoint', [id, path])
      expect(r).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT', message: expect.stringMatching(/not a folder inside the workspace/) } })
    }
    expect(readdirSync(outside)).toEqual([])
    mkdirSync(join(workspace, 'notes'))
    writeFileSync(join(workspace, 'notes/todo.txt'), 'keep me')
    const notSp = await dispatch(h, 'session.saveSavepoint', [id, 'notes'])
    expect(notSp).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT', message: `${join(workspace, 'notes')} exists and is not a savepoint (no manifest.json); refusing to replace it` } })
    expect(readdirSync(join(workspace, 'notes'))).toEqual(['todo.txt'])
    expect(readFileSync(join(workspace, 'notes/todo.txt'), 'utf8')).toBe('keep me')
    const nul = await dispatch(h, 'session.saveSavepoint', [id, 'sp\0x'])
    expect(nul).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT', message: expect.stringMatching(/NUL/) } })
    expect(await dispatch(h, 'session.saveSavepoint', [id, ''])).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } })
    expect(await dispatch(h, 'session.saveSavepoint', [id, { path: 'x' }])).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } })

    // Loading: outside the readable folders, a folder that is no savepoint, one that is not there. The session stays where it was.
    expect(await dispatch(h, 'session.loadSavepoint', [id, '/etc'])).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT', message: expect.stringMatching(/outside the workspace/) } })
    expect(await dispatch(h, 'session.loadSavepoint', [id, 'notes'])).toMatchObject({
      ok: false, error: { code: 'SAVEPOINT_INVALID', message: expect.stringMatching(/notes is invalid: manifest.json: missing .*not a savepoint/) },
    })
    expect(await dispatch(h, 'session.loadSavepoint', [id, 'missing'])).toMatchObject({
      ok: false, error: { code: 'SAVEPOINT_INVALID', message: expect.stringMatching(/missing: no such directory/) },
    })
    expect((await h['session.status'](id)).step).toBe(1)
    // Saving over a savepoint replaces it (the CLI's --savepoint-out does the same).
    expect((await h['session.saveSavepoint'](id, 'sp')).step).toBe(1)
    await h['session.step'](id, { kind: 'step' })
    expect((await h['session.saveSavepoint'](id, 'sp')).step).toBe(2)
    expect((await h['session.loadSavepoint'](id, 'sp')).status.step).toBe(2)
  })

  // The folder is checked when the request comes and written when the worker has the savepoint: a link put at the
  // checked path in between must not lead the write out of the workspace. The savepoint is renamed into place (a
  // rename replaces a link, it does not follow it), so the link goes and the folder it named is untouched.
  it('a link swapped in for the checked folder before the write is replaced, not written through', async () => {
    const h = service.handlers
    const { id } = await start('heap')
    await h['session.step'](id, { kind: 'step' })
    const outside = mkdtempSync(join(tmpdir(), 'riffle-svc-sp-out-'))
    mkdirSync(join(outside, 'theirs'))
    writeFileSync(join(outside, 'theirs/manifest.json'), 'their savepoint\n')
    const saving = h['session.saveSavepoint'](id, 'swapped') // checked now: a new folder inside the workspace
    symlinkSync(join(outside, 'theirs'), join(workspace, 'swapped'))
    expect(await saving).toEqual({ path: join(workspace, 'swapped'), step: 1 })
    expect(lstatSync(join(workspace, 'swapped')).isDirectory()).toBe(true)
    expect(existsSync(join(workspace, 'swapped/manifest.json'))).toBe(true)
    expect(readdirSync(join(outside, 'theirs'))).toEqual(['manifest.json'])
    expect(readFileSync(join(outside, 'theirs/manifest.json'), 'utf8')).toBe('their savepoint\n')
  })
})
