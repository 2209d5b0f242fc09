// Savepoints of a run (--savepoint-out / --from-savepoint): the run snapshot in the backend-neutral
// savepoint format (docs/savepoint-format.md), tied to the recording it was taken on.
import { statSync } from 'node:fs'
import { basename } from 'node:path'
import type { BackendName } from '../common/views'
import type { JobRun } from '../engine/runtime/job-run'
import type { RunSnapshot } from '../engine/runtime/run-snapshot'
import { readSavepoint, writeSavepoint } from '../engine/state/savepoint'

interface EngineJson {
  snapshot: Omit<RunSnapshot, 'tables'>
  recording: { name: string; bytes: number }
}

export async function writeRunSavepoint(run: JobRun, dir: string, recordingPath: string, backend: BackendName): Promise<void> {
  const { tables, ...snapshot } = await run.snapshot({ forSavepoint: true })
  const engine: EngineJson = { snapshot, recording: { name: basename(recordingPath), bytes: statSync(recordingPath).size } }
  await writeSavepoint(dir, { createdBy: `riffle 0.1.0 (${backend})`, tables, engine })
}

export async function restoreSavepoint(run: JobRun, dir: string, recordingPath: string): Promise<void> {
  const data = await readSavepoint(dir)
  const engine = data.engine as Partial<EngineJson> | null
  if (engine?.snapshot === undefined || engine.recording === undefined) {
    throw Object.assign(new Error(`${dir}: the savepoint holds no run snapshot (engine.json)`), { code: 'SAVEPOINT_INVALID' })
  }
  const bytes = statSync(recordingPath).size
  if (engine.recording.bytes !== bytes) {
    throw Object.assign(new Error(`${dir}: the savepoint was taken on ${engine.recording.name} (${engine.recording.bytes} bytes), ` +
      `not on ${recordingPath} (${bytes} bytes)`), { code: 'SAVEPOINT_INVALID' })
  }
  await run.restore({ ...(engine.snapshot as Omit<RunSnapshot, 'tables'>), tables: data.tables })
}
