// A byte ring in shared memory that carries the job's --out lines from the thread running the job to
// the thread that owns the output file. A line is in memory the owner holds as soon as out.collect
// returns, so a worker that dies (watchdog, process.exit in job code, out of memory) loses none of
// what the job emitted; the owner writes it out after the death as before it.
//
// One producer (RingWriter) and one consumer (RingReader). Counters are wrapping 32-bit byte counts;
// the capacity is a power of two, so `counter & mask` is the position and `(w - r) | 0` the bytes used.

/** Header slots (Int32): bytes written, bytes read, the producer's wake-up count, the failure flag. */
const W = 0
const R = 1
const KICK = 2
const FAILED = 3
const HEADER_BYTES = 16

export const DEFAULT_RING_BYTES = 1 << 20

/** The shared memory of a ring of `bytes` capacity (a power of two). */
export function createOutputRing(bytes = DEFAULT_RING_BYTES): SharedArrayBuffer {
  if (bytes < 64 || (bytes & (bytes - 1)) !== 0 || bytes > 1 << 30) throw new RangeError(`ring capacity must be a power of two, got ${bytes}`)
  return new SharedArrayBuffer(HEADER_BYTES + bytes)
}

/** Thrown by RingWriter.write once the owner gave up writing the output (its error says why). */
export class RingClosedError extends Error {
  constructor() { super('the output could not be written (the error of the output file says why)') }
}

export interface RingWriterOptions {
  /** Same thread as the reader: empties the ring synchronously when it is full (instead of waiting). */
  drainInline?: () => void
  /** Told how long each wait for the reader took (the owner writes to a slow pipe or disk): not the job's time. */
  onWaited?: (millis: number) => void
}

export class RingWriter {
  private readonly hdr: Int32Array
  private readonly data: Buffer
  private readonly cap: number
  private readonly mask: number
  private w: number
  /** The read counter when the producer last woke the owner: wake it once per drain, not per line. */
  private kickedAt = -1

  constructor(sab: SharedArrayBuffer, private readonly o: RingWriterOptions = {}) {
    this.hdr = new Int32Array(sab, 0, HEADER_BYTES / 4)
    this.data = Buffer.from(sab, HEADER_BYTES)
    this.cap = this.data.length
    this.mask = this.cap - 1
    this.w = Atomics.load(this.hdr, W)
  }

  /** Appends the text's UTF-8 bytes; waits while the ring is full. Throws RingClosedError after a failure. */
  write(text: string): void {
    const n = Buffer.byteLength(text, 'utf8')
    if (n > this.cap >> 1) { this.writeLarge(Buffer.from(text, 'utf8')); return }
    this.reserve(n)
    const pos = this.w & this.mask
    if (n <= this.cap - pos) this.data.write(text, pos, n, 'utf8')
    else this.copyIn(Buffer.from(text, 'utf8'), pos)
    this.publish(n)
  }

  /** Wakes the owner now (end of the run: it drains without waiting for its next poll). */
  flush(): void { this.kick(true) }

  /** A text longer than half the ring goes in pieces (the reader cuts a partial file at its last whole line). */
  private writeLarge(b: Buffer): void {
    const piece = this.cap >> 1
    for (let off = 0; off < b.length; off += piece) {
      const part = b.subarray(off, Math.min(b.length, off + piece))
      this.reserve(part.length)
      this.copyIn(part, this.w & this.mask)
      this.publish(part.length)
    }
  }

  private copyIn(b: Buffer, pos: number): void {
    const first = Math.min(b.length, this.cap - pos)
    b.copy(this.data, pos, 0, first)
    if (first < b.length) b.copy(this.data, 0, first)
  }

  private publish(n: number): void {
    this.w = (this.w + n) | 0
    Atomics.store(this.hdr, W, this.w)
    if (((this.w - Atomics.load(this.hdr, R)) | 0) >= this.cap >> 1) this.kick(false)
  }

  /** Returns once n bytes are free. */
  private reserve(n: number): void {
    for (;;) {
      if (Atomics.load(this.hdr, FAILED) !== 0) throw new RingClosedError()
      const r = Atomics.load(this.hdr, R)
      if (((this.w - r) | 0) + n <= this.cap) return
      if (this.o.drainInline !== undefined) { this.o.drainInline(); continue }
      this.kick(true)
      const t0 = Date.now() // wall clock on purpose: the watchdog's clock, which this wait must not count against
      Atomics.wait(this.hdr, R, r, 100)
      this.o.onWaited?.(Date.now() - t0)
    }
  }

  private kick(always: boolean): void {
    const r = Atomics.load(this.hdr, R)
    if (!always && r === this.kickedAt) return
    this.kickedAt = r
    Atomics.add(this.hdr, KICK, 1)
    Atomics.notify(this.hdr, KICK)
  }
}

export class RingReader {
  private readonly hdr: Int32Array
  private readonly data: Buffer
  private readonly mask: number

  constructor(sab: SharedArrayBuffer) {
    this.hdr = new Int32Array(sab, 0, HEADER_BYTES / 4)
    this.data = Buffer.from(sab, HEADER_BYTES)
    this.mask = this.data.length - 1
  }

  /**
   * Hands what the producer published to `sink` (one or two views of the ring), then frees what it took: `sink` returns
   * the bytes it took, fewer than offered when it can take no more now (the rest is offered again next time).
   * Returns the bytes freed.
   */
  drainTo(sink: (chunk: Buffer) => number): number {
    const r = Atomics.load(this.hdr, R)
    const w = Atomics.load(this.hdr, W)
    const n = (w - r) | 0
    if (n === 0) return 0
    const pos = r & this.mask
    const first = Math.min(n, this.data.length - pos)
    let took = sink(this.data.subarray(pos, pos + first))
    if (took === first && first < n) took += sink(this.data.subarray(0, n - first))
    if (took === 0) return 0
    Atomics.store(this.hdr, R, (r + took) | 0)
    Atomics.notify(this.hdr, R)
    return took
  }

  /** Bytes published and not yet drained. */
  pending(): number {
    return (Atomics.load(this.hdr, W) - Atomics.load(this.hdr, R)) | 0
  }

  /** The producer's next write throws RingClosedError (and a producer waiting for space wakes up). */
  fail(): void {
    Atomics.store(this.hdr, FAILED, 1)
    Atomics.notify(this.hdr, R)
  }

  /** Resolves when the producer asks for a drain, or after timeoutMs. */
  async waitForData(timeoutMs: number): Promise<void> {
    const seen = Atomics.load(this.hdr, KICK)
    if (((Atomics.load(this.hdr, W) - Atomics.load(this.hdr, R)) | 0) >= (this.data.length >> 1)) return
    const r = waitAsync(this.hdr, KICK, seen, timeoutMs)
    if (r.async) await r.value
  }
}

// Atomics.waitAsync is in Node 20 but in TypeScript's ES2024 library only (this project targets ES2023).
const waitAsync = (Atomics as unknown as {
  waitAsync(a: Int32Array, index: number, value: number, timeoutMs: number): { async: boolean; value: Promise<string> | string }
}).waitAsync
