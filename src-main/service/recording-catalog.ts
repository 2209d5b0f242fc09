// The recordings the app offers: lists recordings/ and scans each file (format, event count, time range)
// through the replay layer's scanner, caching by size and mtime so a re-list does not re-read big files.
// Scans and listings in flight are shared by everyone asking at the same time, and stop when all who asked
// have gone (their connections' signals).
import { readdir, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { RecordingInfo } from '../common/contract'
import { SharedWork } from './shared-work'

/** Scans one recording; reports progress as bytes read of total. */
export type RecordingScanner = (
  path: string, onProgress?: (bytesRead: number, totalBytes: number) => void, signal?: AbortSignal,
) => Promise<RecordingInfo>

const RECORDING_RE = /\.(jsonl|ndjson|csv|json|kcat)(\.gz)?$/i

export class RecordingCatalog {
  private readonly cache = new Map<string, { size: number; mtimeMs: number; info: RecordingInfo }>()
  private readonly inFlight = new SharedWork()

  constructor(
    private readonly dir: string,
    private readonly scanner: RecordingScanner,
    private readonly onProgress: (path: string, bytesRead: number, totalBytes: number, done: boolean) => void = () => {},
    /** Throws why a listed file may not be read (the workspace's rule: a link in the folder leading out of it). */
    private readonly mayRead: (path: string) => void = () => {},
  ) {}

  /** Every recording in the folder, scanned; `signal` is the asker's (the listing stops when all askers left). */
  list(signal?: AbortSignal): Promise<RecordingInfo[]> {
    return this.inFlight.run('list', (shared) => this.listNow(shared), signal)
  }

  /** Scans one file (any folder the caller allowed); a failure is reported in `error`, not thrown. */
  scan(path: string, signal?: AbortSignal): Promise<RecordingInfo> {
    return this.inFlight.run('scan:' + path, (shared) => this.scanNow(path, shared), signal)
  }

  private async listNow(signal: AbortSignal): Promise<RecordingInfo[]> {
    let names: string[]
    try { names = await readdir(this.dir) } catch { return [] }
    const out: RecordingInfo[] = []
    for (const name of names.sort()) {
      if (!RECORDING_RE.test(name)) continue
      const path = join(this.dir, name)
      // Listed with the reason rather than left out, so the user sees why it cannot be chosen; not read.
      try { this.mayRead(path) } catch (err) { out.push(failed(path, 0, err instanceof Error ? err.message : String(err))); continue }
      out.push(await this.scan(path, signal))
    }
    return out
  }

  private async scanNow(path: string, signal: AbortSignal): Promise<RecordingInfo> {
    let size: number
    let mtimeMs: number
    try {
      const s = await stat(path)
      size = s.size
      mtimeMs = s.mtimeMs
    } catch {
      return failed(path, 0, 'the file does not exist')
    }
    const hit = this.cache.get(path)
    if (hit && hit.size === size && hit.mtimeMs === mtimeMs) return hit.info
    let info: RecordingInfo
    try {
      info = await this.scanner(path, (read, total) => this.onProgress(path, read, total, false), signal)
    } catch (err) {
      // Abandoned by everyone who asked: not a property of the file, so nothing is cached.
      if (signal.aborted) throw err
      info = failed(path, size, err instanceof Error ? err.message : String(err))
    }
    this.onProgress(path, size, size, true)
    this.cache.set(path, { size, mtimeMs, info })
    return info
  }
}

function failed(path: string, bytes: number, error: string): RecordingInfo {
  return {
    path, name: basename(path), bytes, gzip: path.endsWith('.gz'), format: path.includes('.csv') ? 'csv' : 'jsonl',
    events: 0, controlLines: 0, firstTimestamp: null, lastTimestamp: null, error,
  }
}
