// Test helper: a DebuggerService of the browser mode over a fresh workspace, with the events it pushes collected, and
// a session of the seed sessionizer example on clicks-small started through the contract, as the page starts one.
import { mkdtempSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ContractEvents, EventName, SessionStarted } from '../../../src-main/common/contract'
import type { BackendName } from '../../../src-main/common/views'
import { createDebuggerService } from '../../../src-main/service/create-service'
import type { DebuggerService } from '../../../src-main/service/debugger-service'
import { dispatch } from '../../../src-main/service/dispatch'

export const root = join(import.meta.dirname, '../../..')
export const seed = join(root, 'examples/sessionizer-seed.ts')
export const clicks = join(root, 'recordings/clicks-small.jsonl')

export type PushedEvent = { event: EventName; payload: ContractEvents[EventName] }

/** A service over a fresh workspace folder (named `prefix…` in the temp folder); its pushed events land in `events`. Dispose it in the test. */
export function openService(prefix: string): { service: DebuggerService; workspace: string; events: PushedEvent[] } {
  const workspace = mkdtempSync(join(tmpdir(), prefix))
  const service = createDebuggerService({ mode: 'browser', version: 't', projectRoot: root, workspace })
  const events: PushedEvent[] = []
  service.onEvent((event, payload) => { events.push({ event, payload }) })
  return { service, workspace, events }
}

/** Starts the seed sessionizer on clicks-small (`source`: the editor's text instead of the file's); rejects with the refusal. */
export async function startSeed(service: DebuggerService, backend: BackendName = 'heap', source?: string): Promise<SessionStarted> {
  const r = await dispatch(service.handlers, 'session.start', [{
    jobPath: seed, jobSource: source ?? await readFile(seed, 'utf8'), recordingPath: clicks, backend, processingTime: 'follow',
  }])
  if (!r.ok) throw new Error(r.error.code + ': ' + r.error.message)
  return r.result as SessionStarted
}
