// The one place a run is set up and torn down, for the command line and the debugger alike: compile the
// job, open the recording and the state backend, build the graph and call the job's open(); and close
// them again in the reverse order. Whatever fails half-way closes what was already opened, so a LevelDB
// state directory is never left locked by a job that did not compile or threw in open().
import { resolve } from 'node:path'
import type { BackendName, ProcessingTimeMode } from '../../common/views'
import { detectFormat } from '../../replay/detect-format'
import { openRecording, type RecordingReader } from '../../replay/recording-reader'
import { watchBadLines } from '../../replay/watched-reader'
import type { CompiledJob } from '../../sandbox/compile-job'
import { loadJobFile } from '../../sandbox/load-job-file'
import { createBackend } from '../state/create-backend'
import { JobRun, type JobSink } from './job-run'
import type { KeyGroupShare } from './key-group'
import { jobLanguageOf } from '../../common/job-dialect'

export interface OpenRunOptions {
  /** The job module (.ts/.js/.py). */
  jobPath: string
  /** Source to compile instead of the file's (the editor's unsaved buffer); jobPath still names it in errors. */
  jobSource?: string
  recordingPath: string
  skipBadLines: boolean
  backend: BackendName
  /** LevelDB folder; a fresh temporary one (removed on close) when absent. */
  stateDir?: string
  /** Keep what the state directory holds (a run about to restore a savepoint, a pre-filled bench); default: start empty. */
  keepState?: boolean
  processingTime: ProcessingTimeMode
  drainProcessingTimers: boolean
  /** Input items per batch read from the recording (JobRun's default: 4096); a restore re-reads up to one. */
  batchSize?: number
  /**
   * Where the job's result goes, made once the recording and the backend are open and before the job's
   * graph is built (so a job that does not compile leaves an --out file untouched).
   */
  sink?: () => JobSink
  /** Let observers watch the run (the debugger); see JobRunOptions.observable. */
  observable?: boolean
  /** Process only these key groups (one subtask of `riffle run --parallelism N`). */
  keyGroups?: KeyGroupShare
  /** The job compiled beforehand (the debugger's sessions are compiled in the service's thread). */
  compiled?: CompiledJob
  /**
   * The run's reader, made from the one that reads the file (a subtask of `riffle run --parallelism N`
   * whose lines the main thread may send instead: replay/routed-reader.ts). Absent: the file's reader.
   */
  reader?: (openFile: () => Promise<RecordingReader>) => RecordingReader
  /** Told each time the reader (or one reopened at a restore) skipped more bad lines (replay/watched-reader.ts). */
  onSkipped?: (reader: RecordingReader) => void
}

export interface OpenedRun {
  readonly run: JobRun
  /** The LevelDB state directory the caller named, or null (heap, or a temporary directory). */
  readonly stateDir: string | null
  /** The job file's absolute path (findings and traces name it when they know no better). */
  readonly jobPath: string
  /**
   * Calls the job's close(), closes the recording, then the backend (which writes out what it buffered).
   * Safe to call more than once: later calls wait for the first and end the same way.
   */
  close(): Promise<void>
}

export async function openRun(o: OpenRunOptions): Promise<OpenedRun> {
  const { main, mapper, clock, lines, onInput, onClose, fields } = await loadJobFile(o.jobPath, o.jobSource, o.compiled)
  // Detected once: a seek or a resume reopens the recording without reading its start again.
  const detected = await detectFormat(o.recordingPath, o.recordingPath)
  const keepLineText = jobLanguageOf(o.jobPath) === 'python'
  const openFile = (): Promise<RecordingReader> => openRecording(o.recordingPath, { skipBadLines: o.skipBadLines, detected, keepLineText })
  const watched = (r: RecordingReader): RecordingReader => (o.onSkipped === undefined ? r : watchBadLines(r, o.onSkipped))
  const reader = watched(o.reader !== undefined ? o.reader(openFile) : await openFile())
  const { backend, stateDir } = await createBackend({ backend: o.backend, stateDir: o.stateDir, keepState: o.keepState }).catch(async (e: unknown) => {
    await reader.close()
    throw e
  })
  let run: JobRun
  try {
    run = JobRun.create({
      main, mapper, clock, lines, backend, reader, onInput, onClose, fields,
      reopenReader: async (start) => watched(await openRecording(o.recordingPath, { skipBadLines: o.skipBadLines, start, detected, keepLineText })),
      processingTime: o.processingTime,
      drainProcessingTimers: o.drainProcessingTimers,
      jobSink: o.sink?.(),
      batchSize: o.batchSize,
      // Expired state is swept out of backends that can (LevelDB) at flush points.
      backgroundTtlSweep: true,
      observable: o.observable,
      keyGroups: o.keyGroups,
    })
  } catch (e) {
    await reader.close().catch(() => undefined)
    await backend.close().catch(() => undefined)
    throw e
  }
  run.rc.jobLanguage = jobLanguageOf(o.jobPath)
  let closing: Promise<void> | null = null
  const close = async (): Promise<void> => {
    try {
      await run.close()
    } finally {
      await backend.close()
    }
  }
  return { run, stateDir, jobPath: resolve(o.jobPath), close: () => (closing ??= close()) }
}
