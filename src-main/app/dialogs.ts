// Native open/save dialogs for job files and recordings (Electron only; browser mode uses in-app pickers).
import { dialog, type BrowserWindow } from 'electron'
import type { DialogProvider } from '../service/debugger-service'

const JOB_FILTERS = [{ name: 'Job modules', extensions: ['ts', 'js', 'mjs', 'mts', 'py'] }]
const RECORDING_FILTERS = [
  { name: 'Recordings', extensions: ['jsonl', 'ndjson', 'csv', 'json', 'gz'] },
  { name: 'All files', extensions: ['*'] },
]

export function nativeDialogs(getWindow: () => BrowserWindow | null): DialogProvider {
  const parent = (): BrowserWindow | undefined => getWindow() ?? undefined
  return {
    async openJob(defaultPath) {
      const w = parent()
      const opts = { title: 'Open job', defaultPath, properties: ['openFile' as const], filters: JOB_FILTERS }
      const r = w ? await dialog.showOpenDialog(w, opts) : await dialog.showOpenDialog(opts)
      return r.canceled ? null : r.filePaths[0] ?? null
    },
    async saveJob(defaultPath) {
      const w = parent()
      const opts = { title: 'Save job', defaultPath, filters: JOB_FILTERS }
      const r = w ? await dialog.showSaveDialog(w, opts) : await dialog.showSaveDialog(opts)
      return r.canceled ? null : r.filePath ?? null
    },
    async openRecording(defaultPath) {
      const w = parent()
      const opts = { title: 'Open recording', defaultPath, properties: ['openFile' as const], filters: RECORDING_FILTERS }
      const r = w ? await dialog.showOpenDialog(w, opts) : await dialog.showOpenDialog(opts)
      return r.canceled ? null : r.filePaths[0] ?? null
    },
  }
}
