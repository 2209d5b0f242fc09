// Finished runs kept for Compare: a closed session's output log, written by its worker into a private temporary
// folder and named by the session's id. The newest few are kept (the renderer compares with the run before
// the current one); older ones and the folder itself are deleted, the folder when the service is disposed.
// The folder's name carries the process id, so folders of a process that was killed are removed at the next
// start.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { KeptRun } from '../common/contract'
import { processAlive } from '../engine/state/savepoint/atomic-dir'

const PREFIX = 'riffle-runs-'

/** Deletes kept-run folders whose process is gone (it was killed before it could clean up). */
export function removeStaleFolders(dir = tmpdir()): void {
  let names: string[]
  try { names = readdirSync(dir) } catch { return }
  for (const name of names) {
    const m = new RegExp(`^${PREFIX}(\\d+)-`).exec(name)
    if (m !== null && !processAlive(Number(m[1]))) rmSync(join(dir, name), { recursive: true, force: true })
  }
}

export class KeptRuns {
  private dir: string | null = null
  /** Oldest first (a Map keeps insertion order). */
  private readonly runs = new Map<string, KeptRun & { file: string; stoppedAt: number | null }>()

  constructor(private readonly max = 4) {}

  /** Where the worker should write the log of run `runId`. */
  fileFor(runId: string): string {
    if (this.dir === null) {
      removeStaleFolders()
      this.dir = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`))
    }
    return join(this.dir, `${runId}.jsonl`)
  }

  /**
   * Records a log the worker wrote; drops the oldest past the limit. `stoppedAt`: the step the run stood at when it was
   * closed before its end (its log ends there), null for a run that finished.
   */
  add(runId: string, outputs: number, stoppedAt: number | null = null): KeptRun {
    const run = { runId, outputs, file: this.fileFor(runId), stoppedAt }
    this.runs.delete(runId)
    this.runs.set(runId, run)
    for (const [id, old] of this.runs) {
      if (this.runs.size <= this.max) break
      this.runs.delete(id)
      void rm(old.file, { force: true }).catch(() => undefined)
    }
    return { runId, outputs }
  }

  /** The log file of a kept run, or null when it was never kept or was dropped. */
  file(runId: string): string | null {
    return this.runs.get(runId)?.file ?? null
  }

  /** Where a kept run stood when it was closed before its end; null for one that finished (or was never kept). */
  stoppedAt(runId: string): number | null {
    return this.runs.get(runId)?.stoppedAt ?? null
  }

  /** Deletes a log the worker may have written in part (keeping failed). */
  discard(runId: string): void {
    if (this.dir !== null && !this.runs.has(runId)) void rm(this.fileFor(runId), { force: true }).catch(() => undefined)
  }

  dispose(): void {
    this.runs.clear()
    if (this.dir !== null) rmSync(this.dir, { recursive: true, force: true })
    this.dir = null
  }
}
