// Savepoints of a run (the CLI's --savepoint-out / --from-savepoint, the session's saveSavepoint): the run snapshot in the backend-neutral
// savepoint format (docs/savepoint-format.md), tied to the recording it was taken on.
import { createHash } from 'node:crypto'
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import type { BackendName } from '../../common/views'
import type { JobRun } from './job-run'
import type { KeyInfo } from './key-registry'
import { keyedStreamNames, type KeyedStateSource, type RunSnapshot } from './run-snapshot'
import type { TimerDump } from '../time/timer-queue'
import { openSavepoint, type OpenedSavepoint, SavepointInvalidError, type SavepointSource, SavepointWriteError, writeSavepoint } from '../state/savepoint'
import { RiffleError, toErrorInfo } from '../../common/errors'
import { keyedStateShare, snapshotShare, tablesShare } from './savepoint-share'
import { dirCreationProblem } from '../state/make-dirs'

/** What engine.json holds (docs/savepoint-format.md). */
export interface EngineJson {
  snapshot: Omit<RunSnapshot, 'tables'>
  /** headTail: sha256 of the recording's first and last 64 KB (absent in older savepoints). */
  recording: { name: string; bytes: number; headTail?: string }
  /** The subtasks of the run that took it (`--parallelism`; absent: 1). Informational: any parallelism restores it. */
  subtasks?: number
}

/** A cheap fingerprint of a recording: sha256 of its first and last 64 KB (a same-size file differs in it). */
function headTailSha256(path: string): string {
  const fd = openSync(path, 'r')
  try {
    const size = fstatSync(fd).size
    const n = Math.min(65_536, size)
    const head = Buffer.alloc(n)
    const tail = Buffer.alloc(n)
    readSync(fd, head, 0, n, 0)
    readSync(fd, tail, 0, n, size - n)
    return createHash('sha256').update(head).update(tail).digest('hex')
  } finally {
    closeSync(fd)
  }
}

/** `recordingName`: what the savepoint calls the recording (a copied pipe's is "standard input", not its copy's name). */
export async function writeRunSavepoint(run: JobRun, dir: string, recordingPath: string, backend: BackendName, recordingName = basename(recordingPath)): Promise<void> {
  const { tables, snapshot, streams } = await run.savepointParts()
  const engine: EngineJson = { snapshot, recording: { name: recordingName, bytes: statSync(recordingPath).size, headTail: headTailSha256(recordingPath) } }
  await writeExplained(dir, { createdBy: `riffle 0.1.0 (${backend})`, tables, engine, streams })
}

/**
 * writeRunSavepoint after savepointOutProblem's check (a debug session's save): refused before anything is written.
 * Refused too where the job threw: the run stands inside that step, its event half-delivered, and a savepoint of it,
 * loaded, went on with the rest of the delivery, skipping the event that threw without a word. The step before is whole.
 */
export async function writeCheckedSavepoint(run: JobRun, dir: string, recordingPath: string, backend: BackendName): Promise<void> {
  if (run.failed !== null && toErrorInfo(run.failed).code === 'JOB_THREW') {
    throw new RiffleError('BAD_ARGUMENT', `the job threw in step ${run.rc.step}, which did not complete (a savepoint holds the state between two ` +
      `steps): step back to step ${run.rc.step - 1} and save there`)
  }
  const problem = savepointOutProblem(dir)
  if (problem !== null) throw new RiffleError('BAD_ARGUMENT', problem)
  await writeRunSavepoint(run, dir, recordingPath, backend)
}

/** writeSavepoint, with what to do about a failed write added to its message. */
export async function writeExplained(dir: string, source: SavepointSource): Promise<void> {
  try {
    await writeSavepoint(dir, source)
  } catch (e) {
    // Not the job's fault and not a bad argument (those are refused before the run: savepointOutProblem).
    if (e instanceof SavepointWriteError) {
      const full = /ENOSPC|EDQUOT|no space/i.test(e.message)
      e.message += `; ${full ? 'free space on that disk or choose a savepoint folder on another disk' : 'check the folder and its disk'}, ` +
        'then run again (a savepoint that was there before is unchanged)'
    }
    throw e
  }
}

/**
 * Why --savepoint-out DIR could not be written, or null: checked before the run so a long run does not
 * fail at its end. DIR may be missing or a savepoint; an existing file, a non-empty folder that is not
 * a savepoint (writeSavepoint never replaces one), a path through a file, or a place where no folder
 * can be created are refused.
 */
export function savepointOutProblem(dir: string): string | null {
  const target = resolve(dir)
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) return `${dir} exists and is not a folder`
    if (!existsSync(join(target, 'manifest.json')) && readdirSync(target).length > 0) {
      return `${dir} exists and is not a savepoint (no manifest.json); refusing to replace it`
    }
  }
  // The savepoint is written into a sibling folder, then renamed: its parent must take new folders.
  const problem = dirCreationProblem(dirname(target))
  return problem === null ? null : `cannot write a savepoint to ${dir}: ${problem}`
}

/** `recordingName`: how messages name the recording (default its path; "standard input" for a copied pipe). */
export async function restoreSavepoint(run: JobRun, dir: string, recordingPath: string, recordingName = recordingPath): Promise<void> {
  // Verified whole before anything is restored; the tables then stream from disk in bounded memory.
  const data = await openSavepoint(dir)
  const engine = data.engine as Partial<EngineJson> | null
  if (engine?.snapshot === undefined || engine.recording === undefined) {
    throw new RiffleError('SAVEPOINT_INVALID', `${dir}: the savepoint holds no run snapshot (engine.json)`)
  }
  // Both standard input: "taken on standard input, not on this standard input".
  const here = recordingName === engine.recording.name ? `this ${recordingName}` : recordingName
  const bytes = statSync(recordingPath).size
  if (engine.recording.bytes !== bytes) {
    throw new RiffleError('SAVEPOINT_INVALID', `${dir}: the savepoint was taken on ${engine.recording.name} (${engine.recording.bytes} bytes), ` +
      `not on ${here} (${bytes} bytes)`)
  }
  if (engine.recording.headTail !== undefined && engine.recording.headTail !== headTailSha256(recordingPath)) {
    throw new RiffleError('SAVEPOINT_INVALID', `${dir}: the savepoint was taken on ${engine.recording.name}, and ${here} has the same size ` +
      `(${bytes} bytes) but other content: it is a different recording, or it changed since`)
  }
  const snapshot = engine.snapshot as Omit<RunSnapshot, 'tables'>
  // One subtask of --parallelism M takes its own key groups of a savepoint taken at any parallelism.
  const share = run.rc.keyGroups
  try {
    if (share === null) {
      await run.restore({ ...snapshot, tables: data.tables() }, { streams: keyedStreams(dir, data) })
    } else {
      await run.restore({ ...snapshotShare(dir, snapshot, share), tables: tablesShare(data.tables(), share) }, { streams: keyedStateShare(keyedStreams(dir, data), share) })
    }
  } catch (e) {
    // The run's snapshot checks (run-snapshot.ts) serve time travel too and do not know the folder: name it.
    if (e instanceof RiffleError && e.code === 'SAVEPOINT_INVALID' && !e.message.startsWith(dir)) e.message = `${dir}: ${e.message}`
    throw e
  }
}

/** The keyed operators' keys and timers from a savepoint's streams, each value checked for its shape. */
export function keyedStreams(dir: string, sp: OpenedSavepoint): KeyedStateSource {
  const open = (name: string): AsyncGenerator<unknown> => {
    if (!sp.streamNames().includes(name)) throw new SavepointInvalidError(dir, 'manifest.json', `no stream named ${JSON.stringify(name)} (engine.json says it holds keyed state)`)
    return sp.stream(name)
  }
  const bad = (name: string, n: number, what: string): SavepointInvalidError => new SavepointInvalidError(dir, `stream ${name} value ${n}`, `expected ${what}`)
  async function* keys(name: string): AsyncGenerator<[string, KeyInfo]> {
    let n = 0
    for await (const v of open(name)) {
      n++
      const e = v as [unknown, Partial<KeyInfo> | null]
      if (!Array.isArray(e) || e.length !== 2 || typeof e[0] !== 'string' || e[1] === null || typeof e[1] !== 'object' ||
        typeof e[1].firstStep !== 'number' || typeof e[1].records !== 'number') throw bad(name, n, '[keyString, {key, keyGroup, firstStep, lastTouchedStep, records}]')
      yield e as [string, KeyInfo]
    }
  }
  async function timers(name: string): Promise<TimerDump[]> {
    const out: TimerDump[] = []
    for await (const v of open(name)) {
      const t = v as Partial<TimerDump> | null
      if (t === null || typeof t !== 'object' || typeof t.timestamp !== 'number' || typeof t.keyStr !== 'string' || typeof t.seq !== 'number') {
        throw bad(name, out.length + 1, '{timestamp, keyStr, key, seq}')
      }
      out.push(t as TimerDump)
    }
    return out
  }
  return {
    keys: (id) => keys(keyedStreamNames(id).keys),
    eventTimers: (id) => timers(keyedStreamNames(id).eventTimers),
    processingTimers: (id) => timers(keyedStreamNames(id).processingTimers),
  }
}
