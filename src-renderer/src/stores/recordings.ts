// The recordings offered (recordings/ plus any file opened), the one chosen, and scan progress.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { RecordingInfo } from '@common/contract'
import { getClient } from '../client'

export const useRecordingsStore = defineStore('recordings', () => {
  const list = ref<RecordingInfo[]>([])
  const selectedPath = ref<string | null>(null)
  const loading = ref(false)
  const progress = ref<{ path: string; fraction: number } | null>(null)
  /** Files opened from outside recordings/ (by path or the file dialog): a re-read of the folder keeps them. */
  const opened = new Set<string>()
  let subscribed = false

  const selected = computed(() => list.value.find((r) => r.path === selectedPath.value) ?? null)

  function subscribe(): void {
    if (subscribed) return
    subscribed = true
    getClient().on('recordings.progress', (p) => {
      progress.value = p.done ? null : { path: p.path, fraction: p.totalBytes > 0 ? p.bytesRead / p.totalBytes : 0 }
    })
  }

  async function refresh(): Promise<void> {
    subscribe()
    loading.value = true
    try {
      list.value = await getClient().call('recordings.list')
    } finally {
      loading.value = false
      progress.value = null
    }
  }

  /**
   * Reads recordings/ again, quietly (the menu stays usable): a capture copied in since the page loaded was not
   * offered, and one removed or rewritten was still offered with its old event count. A file opened by path stays,
   * and the chosen one stays even when gone, both scanned again (a gone one says "the file does not exist").
   */
  async function reread(): Promise<void> {
    const fresh = await getClient().call('recordings.list')
    const keep = (r: RecordingInfo): boolean => !fresh.some((f) => f.path === r.path) && (opened.has(r.path) || r.path === selectedPath.value)
    const again = await Promise.all(list.value.filter(keep).map((r) => getClient().call('recordings.scan', r.path).catch(() => r)))
    // Taken from the list as it is now: a file opened by path while the scans ran stays (it was dropped).
    list.value = [...fresh, ...list.value.filter(keep).map((r) => again.find((a) => a.path === r.path) ?? r)]
  }

  function add(info: RecordingInfo): void {
    opened.add(info.path)
    list.value = [...list.value.filter((r) => r.path !== info.path), info]
    selectedPath.value = info.path
  }

  async function openDialog(): Promise<void> {
    const info = await getClient().call('dialog.openRecording')
    if (info) add(info)
  }

  /** Browser mode's "open any file": scans a path inside the workspace or recordings/ (the service checks). */
  async function openPath(path: string): Promise<void> {
    const info = await getClient().call('recordings.scan', path)
    if (info.error && info.events === 0) throw new Error(`${info.path}: ${info.error}`)
    add(info)
  }

  /** Selects by path or by file name (e.g. "clicks-small.jsonl"). */
  function select(pathOrName: string | null): void {
    if (pathOrName === null) { selectedPath.value = null; return }
    const hit = list.value.find((r) => r.path === pathOrName || r.name === pathOrName)
    selectedPath.value = hit ? hit.path : pathOrName
  }

  return { list, selectedPath, selected, loading, progress, refresh, reread, add, openDialog, openPath, select }
})
