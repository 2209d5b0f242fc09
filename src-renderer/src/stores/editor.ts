// The job being edited: its path, source, whether it changed since it was loaded or saved, and the
// errors the engine reported for it (compile error, or the line where it threw and the event that caused it).
import { defineStore } from 'pinia'
import { computed, ref, toRaw } from 'vue'
import type { ErrorInfo } from '@common/errors'
import { getClient } from '../client'
import { jobLanguage } from '../monaco/job-language'
import { useMessagesStore } from './messages'

export interface JobError {
  /**
   * 'worker': the session's worker died (process.exit, a crash, out of memory); the run is gone.
   * 'recording': the recording is at fault (a bad line, a missing or unreadable file): its `where` names the
   * recording, never the job, so the editor marks no line.
   */
  kind: 'compile' | 'runtime' | 'timeout' | 'worker' | 'recording'
  info: ErrorInfo
  /** A bad recording line's: the step that read it and stopped (the one after the session's step then). */
  step?: number
}

/** Codes that blame the recording rather than the job. */
const RECORDING_CODES: ReadonlySet<ErrorInfo['code']> = new Set(['BAD_LINE', 'RECORDING_NOT_FOUND', 'RECORDING_UNREADABLE'])

export function errorKind(info: ErrorInfo): JobError['kind'] {
  if (info.code === 'JOB_COMPILE') return 'compile'
  if (info.code === 'JOB_TIMEOUT') return 'timeout'
  if (info.code === 'WORKER_DIED' || info.code === 'WORKER_OUT_OF_MEMORY') return 'worker'
  return RECORDING_CODES.has(info.code) ? 'recording' : 'runtime'
}

export const useEditorStore = defineStore('editor', () => {
  const path = ref('')
  const source = ref('')
  const savedSource = ref('')
  /** Bumped when the source is replaced from outside the editor (load), so the editor re-reads it. */
  const loadCount = ref(0)
  const error = ref<JobError | null>(null)
  /** The source the error was reported for: a compile error is about that text only. */
  const errorSource = ref('')
  /**
   * An error of a source edited since: no longer the current text's error (undoing the edit makes it so again). A
   * throw and a watchdog stop too: their line may now hold other code (deleting a throwing line moved the red mark
   * onto the line above it, which never threw). A recording's or a dead worker's error is not about the job's lines.
   */
  const errorStale = computed(() => {
    const kind = error.value?.kind
    return (kind === 'compile' || kind === 'runtime' || kind === 'timeout') && errorSource.value !== source.value
  })
  /** A request to put the cursor on a line (from the Trace view, Problems, lineage); `n` makes each one new. */
  const cursor = ref<{ line: number; n: number } | null>(null)

  const dirty = computed(() => source.value !== savedSource.value)
  const name = computed(() => path.value.replace(/^.*[\\/]/, '') || 'untitled.ts')

  function load(p: string, text: string): void {
    path.value = p
    source.value = text
    savedSource.value = text
    error.value = null
    loadCount.value++
  }

  /** Shows `text` for `p` with `saved` as what the file on disk holds (a reattached session's buffer). */
  function restore(p: string, text: string, saved: string): void {
    load(p, text)
    savedSource.value = saved
  }

  /** Called by the editor on every edit. */
  function edit(text: string): void {
    source.value = text
  }

  /**
   * Settles once every open in flight has (loaded or failed). The Examples menu and the pickers do not wait for
   * their open: a Start clicked meanwhile waits here, or it would run the job still on screen, not the one picked.
   */
  let opening: Promise<void> = Promise.resolve()
  function opened(): Promise<void> { return opening }
  function pending<T>(p: Promise<T>): Promise<T> {
    opening = Promise.all([opening, p.then(() => {}, () => {})]).then(() => {})
    return p
  }

  /**
   * Loads another job. Unsaved edits it replaces are set aside, with a notice whose button restores them (they were
   * dropped without a word: a fix typed into the seed, then its twin picked from Examples, was gone).
   */
  function replaceWith(p: string, text: string, saved = text): void {
    const aside = dirty.value ? { path: path.value, source: source.value, saved: savedSource.value, name: name.value } : null
    restore(p, text, saved)
    if (aside === null) return
    // Restoring them sets aside the edits on screen then, if any, the same way.
    useMessagesStore().report('info', `Opened ${name.value}. Your unsaved edits to ${aside.name} were set aside.`, {
      source: 'file', action: { label: `Restore ${aside.name}`, run: () => replaceWith(aside.path, aside.source, aside.saved) },
    })
  }

  function open(p: string): Promise<void> {
    return pending(getClient().call('files.read', p).then((file) => { replaceWith(file.path, file.source) }))
  }

  function openDialog(): Promise<boolean> {
    return pending(getClient().call('dialog.openJob').then((file) => {
      if (file) replaceWith(file.path, file.source)
      return file !== null
    }))
  }

  /** Saves to `target` (a workspace-relative or absolute path) or, by default, to the current path. */
  async function save(target?: string): Promise<void> {
    const file = await getClient().call('files.save', target ?? path.value, source.value)
    saved(file.path, file.source)
  }

  /** Now saved as `p`: a compile error of the text in another language (TypeScript's words on Python) is not its. */
  function saved(p: string, text: string): void {
    if (jobLanguage(p) !== jobLanguage(path.value)) error.value = null
    path.value = p
    savedSource.value = text
  }

  async function saveDialog(): Promise<boolean> {
    const file = await getClient().call('dialog.saveJob', path.value || 'job.ts', source.value)
    if (file) saved(file.path, file.source)
    return file !== null
  }

  function goToLine(line: number): void {
    cursor.value = { line, n: (cursor.value?.n ?? 0) + 1 }
  }

  function setError(info: ErrorInfo | null): void {
    if (!info) { error.value = null; return }
    error.value = { kind: errorKind(info), info }
    errorSource.value = source.value
  }

  /** The step the current error stopped (a bad line's, known once the session's status is read again). */
  function setErrorStep(info: ErrorInfo, step: number): void {
    // The same error still (a newer one replaced it meanwhile: that one's step is not this).
    if (error.value !== null && toRaw(error.value.info) === info) error.value = { ...error.value, step }
  }

  return { path, source, savedSource, loadCount, error, errorStale, cursor, goToLine, dirty, name, load, restore, edit, open, openDialog, opened, save, saveDialog, setError, setErrorStep }
})
