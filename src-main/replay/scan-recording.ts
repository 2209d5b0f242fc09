// One pass over a recording for the app's summary (format, event count, time range) and a sparse seek index.
import type { BadLineView } from '../common/views'
import { DEFAULT_BATCH, openRecording } from './recording-reader'
import type { RecordingFormat, RecordingItem, RecordingPosition } from './recording-types'

export interface ScanProgress {
  /** File bytes read so far (compressed bytes for .gz) and the file's size. */
  bytes: number
  totalBytes: number
  records: number
}

export interface RecordingScan {
  format: RecordingFormat
  /** Input records (events), not counting control lines or bad lines. */
  records: number
  /** $watermark and $processingTime lines. */
  controlLines: number
  /** Bad lines (a scan never stops at one; the run would, unless it skips bad lines). */
  badLines: number
  /** The first bad lines, for display. */
  firstBadLines: BadLineView[]
  /** Size of the file on disk. */
  bytes: number
  /** Bytes after decompression (equal to `bytes` for a plain file). */
  uncompressedBytes: number
  /**
   * Earliest and latest event timestamp seen (min and max: arrival order is not time order), from the kcat
   * envelope's ts, else a numeric `ts`, `timestamp` or `event_time` field of the event; null when none has one.
   */
  firstTimestamp: number | null
  lastTimestamp: number | null
  /** Positions before every `indexEvery`-th item (0, N, 2N, ...) when asked for; usable as openRecording's start. */
  index: RecordingPosition[] | null
}

export interface ScanOptions {
  /** Also build a sparse index with an entry every this many items. */
  indexEvery?: number
  /** Stops the scan (it rejects with the signal's reason) when nobody waits for it any more. */
  signal?: AbortSignal
}

/** The timestamp a record carries by the scan's rule, or null. */
export function recordTimestamp(item: RecordingItem): number | null {
  if (item.kind !== 'record') return null
  if (item.sourceTimestamp !== null) return item.sourceTimestamp
  const v = item.value
  if (typeof v !== 'object' || v === null) return null
  const o = v as Record<string, unknown>
  for (const f of ['ts', 'timestamp', 'event_time']) {
    const t = o[f]
    if (typeof t === 'number' && Number.isFinite(t)) return t
  }
  return null
}

export async function scanRecording(
  path: string,
  onProgress?: (p: ScanProgress) => void,
  opts: ScanOptions = {},
): Promise<RecordingScan> {
  const every = opts.indexEvery
  if (every !== undefined && !(Number.isSafeInteger(every) && every > 0)) {
    throw new RangeError(`indexEvery must be a positive integer (got ${every})`)
  }
  opts.signal?.throwIfAborted()
  const reader = await openRecording(path, { skipBadLines: true })
  let records = 0
  let controlLines = 0
  let min = Infinity
  let max = -Infinity
  const index: RecordingPosition[] | null = every === undefined ? null : []
  try {
    for (;;) {
      let want = DEFAULT_BATCH
      if (index !== null && every !== undefined) {
        const pos = reader.position()
        if (pos.items % every === 0 && (index.length === 0 || index[index.length - 1].items !== pos.items)) index.push(pos)
        want = Math.min(want, every - (pos.items % every))
      }
      opts.signal?.throwIfAborted()
      const batch = await reader.nextBatch(want)
      if (batch.length === 0) break
      for (const item of batch) {
        if (item.kind !== 'record') {
          controlLines++
          continue
        }
        records++
        const t = recordTimestamp(item)
        if (t !== null) {
          if (t < min) min = t
          if (t > max) max = t
        }
      }
      if (onProgress) {
        const pr = reader.progress()
        onProgress({ bytes: pr.fileBytes, totalBytes: pr.totalFileBytes, records })
      }
    }
    const pr = reader.progress()
    // The last entry would point at the end of input: useless as a seek target.
    if (index !== null && index.length > 1 && index[index.length - 1].items === records + controlLines) index.pop()
    return {
      format: reader.format,
      records,
      controlLines,
      badLines: reader.badLineCount(),
      firstBadLines: reader.badLines().slice(0, 20),
      bytes: pr.totalFileBytes,
      uncompressedBytes: reader.position().byteOffset,
      firstTimestamp: min === Infinity ? null : min,
      lastTimestamp: max === -Infinity ? null : max,
      index,
    }
  } finally {
    await reader.close()
  }
}

/** Positions before items 0, every, 2·every, ...: open a reader with `start` at the nearest one to seek. */
export async function buildLineIndex(path: string, every = 10000): Promise<RecordingPosition[]> {
  const scan = await scanRecording(path, undefined, { indexEvery: every })
  return scan.index ?? []
}
