// Wires a DebuggerService to the real engine: sessions in worker threads (SessionWorkerClient) and the
// replay layer's recording scan. Used by the Electron composition root and by browser mode alike.
import { basename } from 'node:path'
import type { AppInfo, RecordingInfo } from '../common/contract'
import { badLinesText } from '../common/bad-lines-text'
import { scanRecording } from '../replay/scan-recording'
import { DebuggerService, type DialogProvider } from './debugger-service'
import { PythonSyntaxChecker } from '../worker/python-syntax-checker'
import { SessionWorkerClient } from '../worker/session-worker-client'

export interface CreateServiceOptions {
  mode: AppInfo['mode']
  version: string
  projectRoot: string
  workspace: string
  dialogs?: DialogProvider
  /** How long a session waits for a reattach after its connection went (default 30 s; RIFFLE_REATTACH_MS in browser mode). */
  reattachMs?: number
  /** Sessions open at once (default 8). */
  maxSessions?: number
  /** Each session worker's JS heap limit in MB (default: V8's); past it the worker ends with WORKER_OUT_OF_MEMORY. */
  workerHeapMb?: number
}

/** Scans a recording through src-main/replay and shapes the result for the contract. */
export async function scanForCatalog(
  path: string, onProgress?: (bytesRead: number, totalBytes: number) => void, signal?: AbortSignal,
): Promise<RecordingInfo> {
  const scan = await scanRecording(path, onProgress ? (p) => onProgress(p.bytes, p.totalBytes) : undefined, { signal })
  return {
    path, name: basename(path), bytes: scan.bytes, gzip: /\.gz$/i.test(path), format: scan.format,
    events: scan.records, controlLines: scan.controlLines,
    firstTimestamp: scan.firstTimestamp, lastTimestamp: scan.lastTimestamp,
    ...(scan.badLines > 0 ? { error: `${badLinesText(scan.badLines)} (first at line ${scan.firstBadLines[0]?.line}: ${scan.firstBadLines[0]?.reason})` } : {}),
  }
}

export function createDebuggerService(opts: CreateServiceOptions): DebuggerService {
  const syntax = new PythonSyntaxChecker()
  return new DebuggerService({
    ...opts,
    checkSyntax: (path, source) => syntax.check(path, source),
    startSession: (options, hooks) => SessionWorkerClient.start(options, hooks, { heapMb: opts.workerHeapMb }),
    scanRecording: scanForCatalog,
  })
}
