// A recording reader that tells whenever it has skipped another bad line (--skip-bad-lines): a command-line run's
// worker says them to its owner as it reads, because a worker stopped from outside (the watchdog, process.exit in
// the job) cannot say them when it stops (cli/skipped-lines.ts).
import type { RecordingReader } from './recording-types'

/** `reader`, telling `onSkipped` after a batch or a bad record that raised its count of skipped bad lines. */
export function watchBadLines(reader: RecordingReader, onSkipped: (reader: RecordingReader) => void): RecordingReader {
  let told = reader.badLineCount()
  const tell = (): void => {
    if (reader.badLineCount() === told) return
    told = reader.badLineCount()
    onSkipped(reader)
  }
  return {
    get path() { return reader.path },
    get format() { return reader.format },
    nextBatch: async (max) => {
      const batch = await reader.nextBatch(max)
      tell()
      return batch
    },
    position: () => reader.position(),
    badLines: () => reader.badLines(),
    badLineCount: () => reader.badLineCount(),
    badRecord: (line, reason, text) => {
      reader.badRecord(line, reason, text)
      tell()
    },
    progress: () => reader.progress(),
    close: () => reader.close(),
  }
}
