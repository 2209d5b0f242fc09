// Reads a recording file as a sequence of large byte chunks (plain or gunzipped), starting at a byte offset.
import { createReadStream, type Stats } from 'node:fs'
import { open, stat, type FileHandle } from 'node:fs/promises'
import { createGunzip } from 'node:zlib'
import { errnoReason } from '../common/errno-reason'
import { CompressedOffsets } from './compressed-offsets'
import { RecordingError } from './recording-error'

/** Large reads keep the per-chunk overhead (syscalls, decoding, carry-over) negligible next to parsing. */
export const CHUNK_BYTES = 1 << 20
/**
 * A plain file's first read is this size, and each next one twice the last up to CHUNK_BYTES: a reader
 * opened to read a little (format detection, a seek that resumes a few thousand lines in) reads a little.
 */
export const FIRST_CHUNK_BYTES = 64 << 10

export interface ChunkSource {
  /** The next chunk of (uncompressed) bytes, or null at end of input. Never an empty chunk. */
  next(): Promise<Buffer | null>
  /**
   * Bytes of the file on disk that hold its first `offset` uncompressed bytes (compressed bytes for .gz), for
   * progress that follows what was used, not what was read ahead. Offsets must not go back between calls.
   */
  fileBytesAt(offset: number): number
  /** Size of the file on disk. */
  readonly fileSize: number
  close(): Promise<void>
}

/** A FIFO or a socket: what a shell's pipe or process substitution is, read once and not at an offset. */
export function isPipe(st: Stats): boolean {
  return st.isFIFO() || st.isSocket()
}

export function isGzipPath(path: string): boolean {
  return /\.gz$/i.test(path)
}

/** Maps a filesystem error to the reader's error codes, naming the path. */
export function fileError(err: unknown, file: string): RecordingError {
  const e = err as NodeJS.ErrnoException
  if (e && e.code === 'ENOENT') return new RecordingError('RECORDING_NOT_FOUND', file, null, 'recording not found (no such file)')
  return new RecordingError('RECORDING_UNREADABLE', file, null, `cannot read recording: ${errnoReason(err)}`)
}

function gzipError(err: unknown, file: string): RecordingError {
  if (err instanceof RecordingError) return err
  const e = err as NodeJS.ErrnoException
  // zlib errors carry Z_* codes (Z_DATA_ERROR: corrupt, Z_BUF_ERROR: truncated); anything else is the file.
  if (e && typeof e.code === 'string' && e.code.startsWith('Z_')) {
    return new RecordingError('RECORDING_UNREADABLE', file, null, `corrupt or truncated gzip data (${e.message})`)
  }
  return fileError(err, file)
}

/**
 * Opens `path` and positions it at uncompressed byte `startByte`. A non-zero start must fall just after a line
 * break (that is what a saved position is); anything else means the file changed, so it is refused.
 */
export async function openChunkSource(path: string, file: string, startByte = 0): Promise<ChunkSource> {
  let size: number
  try {
    const st = await stat(path)
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' })
    size = st.size
    // Opening a pipe would wait for a writer, and a pipe reads once while a recording is read again (format
    // detection, seeks). The command line copies a pipe to a file first (cli/piped-recording.ts).
    if (isPipe(st)) {
      throw new RecordingError('RECORDING_UNREADABLE', file, null, 'is a pipe, not a file: a recording must be a file that can be read again (npx riffle run takes a pipe, or - for standard input, and copies it first)')
    }
  } catch (err) {
    if (err instanceof RecordingError) throw err
    throw fileError(err, file)
  }
  const src = isGzipPath(path) ? openGzip(path, file, size) : await openPlain(path, file, size, startByte)
  if (startByte > 0 && isGzipPath(path)) await skipBytes(src, startByte, file)
  return src
}

function badPosition(file: string, startByte: number, why: string): RecordingError {
  return new RecordingError('BAD_ARGUMENT', file, null, `cannot resume at byte ${startByte}: ${why} (did the file change?)`)
}

async function openPlain(path: string, file: string, size: number, startByte: number): Promise<ChunkSource> {
  let fh: FileHandle
  try {
    fh = await open(path, 'r')
  } catch (err) {
    throw fileError(err, file)
  }
  let pos = startByte
  if (startByte > 0) {
    const one = Buffer.alloc(1)
    const { bytesRead } = startByte <= size ? await fh.read(one, 0, 1, startByte - 1) : { bytesRead: 0 }
    if (bytesRead !== 1 || one[0] !== 0x0a) {
      await fh.close()
      throw badPosition(file, startByte, startByte > size ? `the file has only ${size} bytes` : 'not the start of a line')
    }
  }
  let closed = false
  let want = FIRST_CHUNK_BYTES
  return {
    fileSize: size,
    fileBytesAt: (offset) => Math.min(offset, size),
    async next(): Promise<Buffer | null> {
      if (closed) return null
      const bytes = want
      want = Math.min(CHUNK_BYTES, want * 2)
      const buf = Buffer.allocUnsafe(bytes)
      let n: number
      try {
        n = (await fh.read(buf, 0, bytes, pos)).bytesRead
      } catch (err) {
        throw fileError(err, file)
      }
      if (n === 0) return null
      pos += n
      return n === bytes ? buf : buf.subarray(0, n)
    },
    async close(): Promise<void> {
      if (closed) return
      closed = true
      await fh.close()
    },
  }
}

function openGzip(path: string, file: string, size: number): ChunkSource {
  const raw = createReadStream(path, { highWaterMark: CHUNK_BYTES })
  const gunzip = createGunzip({ chunkSize: 256 * 1024 })
  const offsets = new CompressedOffsets()
  offsets.watch(gunzip)
  raw.on('error', (err) => gunzip.destroy(err))
  raw.pipe(gunzip)
  const it = gunzip[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  let done = false
  return {
    fileSize: size,
    fileBytesAt: (offset) => Math.min(offsets.at(offset), size),
    async next(): Promise<Buffer | null> {
      while (!done) {
        let r: IteratorResult<Buffer>
        try {
          r = await it.next()
        } catch (err) {
          done = true
          throw gzipError(err, file)
        }
        if (r.done) {
          done = true
          return null
        }
        if (r.value.length > 0) return r.value
      }
      return null
    },
    async close(): Promise<void> {
      done = true
      raw.destroy()
      gunzip.destroy()
    },
  }
}

/** A gzip stream cannot seek: decompress from the start and drop `count` bytes, checking the line boundary. */
async function skipBytes(src: ChunkSource, count: number, file: string): Promise<void> {
  let left = count
  let last = -1
  const origNext = src.next.bind(src)
  let pending: Buffer | null = null
  while (left > 0) {
    const buf = await origNext()
    if (buf === null) {
      await src.close()
      throw badPosition(file, count, `the decompressed data has only ${count - left} bytes`)
    }
    if (buf.length <= left) {
      left -= buf.length
      last = buf[buf.length - 1]
    } else {
      last = buf[left - 1]
      pending = buf.subarray(left)
      left = 0
    }
  }
  if (last !== 0x0a) {
    await src.close()
    throw badPosition(file, count, 'not the start of a line')
  }
  src.next = async (): Promise<Buffer | null> => {
    if (pending) {
      const p = pending
      pending = null
      return p
    }
    return origNext()
  }
}
