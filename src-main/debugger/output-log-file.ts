// A run's output log as a file of JSON lines (one OutputView a line): written by the session's worker when
// its session closes and the renderer asked to keep the run for Compare, read by the next session's worker.
// The log never travels through the main thread or the renderer.
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import type { OutputView } from '../common/views'

const CHUNK_CHARS = 1 << 20

/** Writes the outputs to `path` (created or replaced); returns how many were written. */
export async function writeOutputLog(path: string, outputs: readonly OutputView[]): Promise<number> {
  const file = await open(path, 'w')
  try {
    let chunk = ''
    for (const o of outputs) {
      chunk += JSON.stringify(o) + '\n'
      if (chunk.length >= CHUNK_CHARS) { await file.write(chunk); chunk = '' }
    }
    if (chunk !== '') await file.write(chunk)
  } finally {
    await file.close()
  }
  return outputs.length
}

/** Reads a log written by writeOutputLog. */
export async function readOutputLog(path: string): Promise<OutputView[]> {
  const out: OutputView[] = []
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })
  for await (const line of lines) if (line !== '') out.push(JSON.parse(line) as OutputView)
  return out
}
