// The reader of `riffle run --parallelism N` when the job's prefix is plain property reads (route-shape.ts):
// on the main thread it finds each JSON line's key and timestamp (field-scan.ts, JSON.parse when unsure),
// takes the key group as the engine does (key-group.ts) and gives each subtask its own lines only, plus, for
// other subtasks' records, the timestamps that may raise its watermark and processing time (routed-batch.ts).
// A line it cannot route for sure (a control line, a bad line, a record without a usable key or timestamp)
// goes to every subtask, which then does with it what every subtask did before: the engine decides.
import { isUtf8 } from 'node:buffer'
import { invalidLines } from '../replay/utf8-check'
import { isPlainObject, looksLikeControl, parseJsonText } from '../replay/json-line-parser'
import { FieldScan, type ScannedValue } from '../replay/field-scan'
import { RoutedBatchBuilder, type RoutedBatch } from '../replay/routed-batch'
import { keyGroupOf, keyGroupOfHash, operatorIndexOf } from '../engine/runtime/key-group'
import type { RouteShape } from '../engine/runtime/route-shape'
import { timestampProblem } from '../engine/time/timestamp-range'

const EVERY = -1
/** Before any chunk (a batch of over-long lines only points into none). */
const NO_CHUNK = Buffer.from(new SharedArrayBuffer(0))

export class LineRouter {
  /** Last line number routed (1-based). */
  line = 0
  private readonly scan: FieldScan
  private readonly out: RoutedBatchBuilder[]
  /** The highest timestamp the router saw; a record below it cannot raise any subtask's watermark. */
  private maxTs = -Infinity
  /** The chunk the batches being built point into (route's argument). */
  private chunk: Buffer = NO_CHUNK

  constructor(private readonly shape: RouteShape, private readonly subtasks: number) {
    this.scan = new FieldScan(shape.keyField, shape.timestampField)
    this.out = Array.from({ length: subtasks }, () => new RoutedBatchBuilder())
  }

  /**
   * Routes the lines of one chunk, a view of a whole SharedArrayBuffer that is not written again: each
   * line ends with "\n", except a last one at the end of the file. Take the batches before the next chunk.
   */
  route(b: Buffer): void {
    this.chunk = b
    if (isUtf8(b)) {
      this.routeLines(b, 0, b.length)
      return
    }
    // A line that is not UTF-8 is a bad line (utf8-check.ts): every subtask reports (or skips) it.
    let pos = 0
    for (const bad of invalidLines(b, 0, b.length)) {
      this.routeLines(b, pos, bad.start)
      const line = ++this.line
      for (const o of this.out) o.addLine(bad.start, bad.end, line)
      pos = bad.end + 1
    }
    this.routeLines(b, pos, b.length)
  }

  /** Routes the whole lines of bytes [pos, end) of `b`. */
  private routeLines(b: Buffer, pos: number, end: number): void {
    const scan = this.scan
    const n = this.subtasks
    const hasTs = this.shape.timestampField !== null
    while (pos < end) {
      const line = ++this.line
      let key: ScannedValue
      let keyHash: number | null = null
      let ts: ScannedValue
      // The scan finds a plain line's end as it reads it; only a line it is unsure of needs the search.
      let nl = scan.scanLine(b, pos, end)
      if (nl >= 0) {
        key = scan.key
        keyHash = scan.keyHash
        ts = scan.timestamp
      } else {
        nl = b.indexOf(0x0a, pos)
        if (nl === -1) nl = end
        const v = this.parse(b, pos, nl, line)
        key = v?.key
        ts = v?.ts
      }
      const owner = this.ownerOf(key, keyHash, ts, hasTs)
      if (owner === EVERY) {
        for (let i = 0; i < n; i++) this.out[i].addLine(pos, nl, line)
      } else {
        const t = hasTs ? ts as number : NaN
        const raises = t > this.maxTs
        for (let i = 0; i < n; i++) {
          if (i === owner) this.out[i].addLine(pos, nl, line)
          else this.out[i].addSkipped(t, raises, line)
        }
        if (raises) this.maxTs = t
      }
      pos = nl + 1
    }
  }

  /** A line too long to read (the reader's rule): every subtask reports or skips it. */
  oversized(line: number, bytes: number): void {
    this.line = line
    for (const o of this.out) o.addOversized(line, bytes)
  }

  /** The batch of each subtask (some may be empty), over the chunk routed last. */
  take(fileBytes: number): RoutedBatch[] {
    const chunk = this.chunk
    this.chunk = NO_CHUNK
    return this.out.map((o) => o.take(chunk.buffer as SharedArrayBuffer, chunk.length, fileBytes))
  }

  /**
   * The subtask whose key group the record's key is in, or EVERY when the record is not plainly routable:
   * a key the selector would return as something else than a string, finite number or boolean; a
   * timestamp the assigner would return as anything but a timestamp in range. `keyHash`: the scan gave
   * the key (a plain ASCII string) as its Java hashCode only.
   */
  private ownerOf(key: ScannedValue, keyHash: number | null, ts: ScannedValue, hasTs: boolean): number {
    if (keyHash === null && (key === undefined || (typeof key === 'number' && !Number.isFinite(key)))) return EVERY
    if (hasTs && (typeof ts !== 'number' || timestampProblem(ts) !== null)) return EVERY
    return operatorIndexOf(keyHash !== null ? keyGroupOfHash(keyHash) : keyGroupOf(key), this.subtasks)
  }

  /** The scan was unsure: the properties as the job would read them from JSON.parse's value, if plainly there. */
  private parse(b: Buffer, start: number, end: number, line: number): { key: ScannedValue; ts: ScannedValue } | null {
    let v: unknown
    try {
      v = parseJsonText(b.toString('utf8', start, end), line)
    } catch {
      return null // a bad line: every subtask reports (or skips) it
    }
    if (!isPlainObject(v) || looksLikeControl(v)) return null
    return { key: ownPrimitive(v, this.shape.keyField), ts: this.shape.timestampField === null ? undefined : ownPrimitive(v, this.shape.timestampField) }
  }
}

function ownPrimitive(v: Record<string, unknown>, name: string): ScannedValue {
  if (!Object.prototype.hasOwnProperty.call(v, name)) return undefined
  const x = v[name]
  return typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' ? x : undefined
}
