// The main thread's side of a routed `riffle run --parallelism N` (run-parallel.ts): waits for every
// subtask to say the job's shape (route-shape.ts); when all can be routed, reads the recording and sends
// each subtask its batches (line-router.ts), a few in flight each; otherwise tells every subtask to read
// the file itself, as every subtask did before routing existed.
import { openChunkSource, type ChunkSource } from '../replay/chunk-source'
import { MAX_LINE_BYTES } from '../replay/line-splitter'
import { RecordingError } from '../replay/recording-error'
import type { RouteInput } from '../replay/routed-reader'
import type { RouteShape } from '../engine/runtime/route-shape'
import type { FromWorker } from '../worker/worker-protocol'
import { LineRouter } from './line-router'

/** Batches a subtask may have unread before the reader waits for it (bounds memory, keeps both busy). */
const IN_FLIGHT = 4

/** One subtask as the feed sees it: told of its messages by `hear`, of its end by `ended`. */
export class FeedTarget {
  shape: Promise<RouteShape | null>
  private answer: ((s: RouteShape | null) => void) | null = null
  inFlight = 0
  done = false
  private wake: (() => void) | null = null
  /** Sends the subtask's reader its input (run-thread.ts StartedRun.route); a dead worker throws. */
  to: ((input: RouteInput, transfer?: ArrayBuffer[]) => void) | null = null

  constructor() {
    this.shape = new Promise((resolve) => { this.answer = resolve })
  }

  hear(m: FromWorker): void {
    if (m.type === 'routeShape') this.answer?.(m.shape)
    else if (m.type === 'routeAck') {
      this.inFlight--
      this.poke()
    }
  }

  /** The subtask's run ended (it reads no more; a failed one is reported by run-parallel.ts). */
  ended(): void {
    this.done = true
    this.answer?.(null)
    this.poke()
  }

  send(input: RouteInput, transfer?: ArrayBuffer[]): void {
    if (this.done || this.to === null) return
    try { this.to(input, transfer) } catch { this.done = true }
  }

  /** Until it has room for another batch, or ended. */
  async room(): Promise<void> {
    while (!this.done && this.inFlight >= IN_FLIGHT) await new Promise<void>((resolve) => { this.wake = resolve })
  }

  private poke(): void {
    const w = this.wake
    this.wake = null
    w?.()
  }
}

/**
 * Feeds the subtasks (in subtask order); returns once every one has all its input, or was told to read it:
 * true when the lines were routed, false when each subtask read the whole recording (the job's shape).
 */
export async function feedSubtasks(targets: FeedTarget[], recordingPath: string): Promise<boolean> {
  const shapes = await Promise.all(targets.map((t) => t.shape))
  const shape = shapes[0]
  const same = shape !== null && shapes.every((s) => s !== null && s.keyField === shape.keyField && s.timestampField === shape.timestampField)
  if (!same) {
    for (const t of targets) t.send({ kind: 'file' })
    return false
  }
  let src: ChunkSource | null = null
  try {
    src = await openChunkSource(recordingPath, recordingPath, 0)
    for (const t of targets) t.send({ kind: 'start', fileSize: src.fileSize })
    await routeAll(src, new LineRouter(shape, targets.length), targets)
  } catch (e) {
    if (!(e instanceof RecordingError)) throw e
    for (const t of targets) t.send({ kind: 'failed', code: e.code, file: e.file, line: e.line, reason: e.reason })
  } finally {
    await src?.close()
  }
  return true
}

/** The recording's lines, chunk by chunk, as LineSplitter cuts them (at the last line break; over-long lines passed over). */
async function routeAll(src: ChunkSource, router: LineRouter, targets: FeedTarget[]): Promise<void> {
  let carry: Buffer | null = null
  let consumed = 0
  /** The over-long line being passed over, until its line break. */
  let skipping: { line: number; bytes: number } | null = null
  const send = async (): Promise<void> => {
    const batches = router.take(src.fileBytesAt(consumed))
    for (let i = 0; i < targets.length; i++) {
      const b = batches[i]
      if (b.entries === 0) continue
      await targets[i].room()
      targets[i].inFlight++
      targets[i].send({ kind: 'batch', batch: b }, [b.meta])
    }
  }
  for (;;) {
    let buf = await src.next()
    if (buf === null) break
    if (skipping !== null) {
      const nl = buf.indexOf(0x0a)
      skipping.bytes += nl === -1 ? buf.length : nl + 1
      if (nl === -1) continue
      router.oversized(skipping.line, skipping.bytes)
      consumed += skipping.bytes
      skipping = null
      buf = buf.subarray(nl + 1)
      if (buf.length === 0) continue
    }
    const nl = buf.lastIndexOf(0x0a)
    if (nl === -1) {
      carry = carry === null ? buf : Buffer.concat([carry, buf])
      if (carry.length > MAX_LINE_BYTES) {
        skipping = { line: router.line + 1, bytes: carry.length }
        carry = null
      }
      continue
    }
    const chunk = shared(carry, buf, nl + 1)
    router.route(chunk)
    consumed += chunk.length
    carry = nl + 1 < buf.length ? buf.subarray(nl + 1) : null
    await send()
  }
  if (skipping !== null) {
    router.oversized(skipping.line, skipping.bytes)
    consumed += skipping.bytes
  } else if (carry !== null) {
    router.route(shared(null, carry, carry.length))
    consumed += carry.length
  }
  await send()
  for (const t of targets) t.send({ kind: 'end', line: router.line, byteOffset: consumed, fileBytes: src.fileBytesAt(consumed) })
}

/**
 * The carried-over start of a line, then the first `length` bytes of `buf`, in a SharedArrayBuffer of their
 * own (every subtask reads its lines there): one copy of each byte, not one to join them and one to share.
 */
function shared(carry: Buffer | null, buf: Buffer, length: number): Buffer {
  const head = carry === null ? 0 : carry.length
  const view = Buffer.from(new SharedArrayBuffer(head + length))
  if (carry !== null) carry.copy(view, 0)
  buf.copy(view, head, 0, length)
  return view
}
