// Reads one line of a recording by number, for messages about a record (the watchdog knows only the
// line). Streams, so it works on large and gzipped files; returns a short preview.
import { createReadStream } from 'node:fs'
import { createGunzip } from 'node:zlib'
import { createInterface } from 'node:readline'

export async function readRecordingLineAsync(path: string, line: number): Promise<string | null> {
  const input = createReadStream(path)
  const stream = path.endsWith('.gz') ? input.pipe(createGunzip()) : input
  const rl = createInterface({ input: stream, crlfDelay: Infinity })
  let n = 0
  try {
    for await (const text of rl) {
      if (++n === line) return text.length > 300 ? `${text.slice(0, 300)}…` : text
    }
    return null
  } catch {
    return null
  } finally {
    rl.close()
    input.destroy()
  }
}

/** A synchronous description for messages: file and line (the text is fetched asynchronously where needed). */
export function readRecordingLine(path: string, line: number): string {
  return `${path}:${line}`
}
