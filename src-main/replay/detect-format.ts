// Decides a recording's format from its name and its first non-blank line (the kcat -J rule), and reads a CSV header.
import { open, stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { openChunkSource } from './chunk-source'
import { CsvLineParser } from './csv-line-parser'
import { isKcatEnvelope } from './kcat-line-parser'
import { LineSplitter } from './line-splitter'
import { BadLine, type RecordingFormat } from './recording-types'
import { RecordingError } from './recording-error'

export interface DetectedFormat {
  format: RecordingFormat
  /** CSV only: the header's column names and the line the header ends on (null for an empty file). */
  csvHeader: { columns: string[]; line: number } | null
}

/** `.csv` (and `.csv.gz`) is CSV; any other name is JSON Lines, or kcat -J when the first value is an envelope. */
export async function detectFormat(path: string, file: string): Promise<DetectedFormat> {
  const base = path.replace(/\.gz$/i, '')
  const gzip = await startsAsGzip(path)
  if (base === path && gzip === true) {
    throw new RecordingError('RECORDING_UNREADABLE', file, null, 'the file is gzip-compressed (it starts with gzip\'s bytes) but its name ' +
      `does not end in .gz: rename it to ${basename(path)}.gz, or decompress it (zcat ${file} | npx riffle run JOB -)`)
  }
  // The converse, said as plainly: gunzip's "incorrect header check" reads as a damaged download.
  if (base !== path && gzip === false) {
    throw new RecordingError('RECORDING_UNREADABLE', file, null, 'the name ends in .gz but the file is not gzip-compressed (it does not ' +
      `start with gzip's bytes): rename it to ${basename(base)}`)
  }
  const isCsv = extname(base).toLowerCase() === '.csv'
  const src = await openChunkSource(path, file, 0)
  const lines = new LineSplitter(src)
  try {
    if (isCsv) return { format: 'csv', csvHeader: await readCsvHeader(lines, file) }
    const first = await firstNonBlankLine(lines)
    if (first === null) return { format: 'jsonl', csvHeader: null }
    let v: unknown
    try {
      v = JSON.parse(first.charCodeAt(0) === 0xfeff ? first.slice(1) : first)
    } catch {
      return { format: 'jsonl', csvHeader: null } // the reader reports the bad line with its number
    }
    return { format: isKcatEnvelope(v) ? 'kcat' : 'jsonl', csvHeader: null }
  } finally {
    await src.close()
  }
}

/**
 * Whether the file begins with gzip's magic bytes. The name decides (recordings/README.md), but read as text a gzip
 * file saved as clicks.jsonl failed as a bad line 1 of binary garbage. Null when it cannot tell: a file that cannot
 * be read is the reader's to report, and one shorter than the two bytes its reader's.
 */
async function startsAsGzip(path: string): Promise<boolean | null> {
  try {
    // Regular files only: opening a named pipe would wait for a writer (the reader refuses pipes, with a reason).
    if (!(await stat(path)).isFile()) return null
    const f = await open(path, 'r')
    try {
      const { bytesRead, buffer } = await f.read(Buffer.alloc(2), 0, 2, 0)
      return bytesRead < 2 ? null : buffer[0] === 0x1f && buffer[1] === 0x8b
    } finally {
      await f.close()
    }
  } catch {
    return null
  }
}

async function nextLine(lines: LineSplitter): Promise<string | null> {
  if (!(await lines.refill())) return null
  // A line that is not UTF-8: its text as decoded with U+FFFD tells its format as well (the reader reports it).
  const invalid = lines.takeInvalid()
  if (invalid !== null) return invalid.text
  const nl = lines.text.indexOf('\n', lines.pos)
  const end = nl === -1 ? lines.text.length : nl
  const text = lines.text.slice(lines.pos, end)
  lines.pos = nl === -1 ? end : nl + 1
  lines.line++
  return text
}

async function firstNonBlankLine(lines: LineSplitter): Promise<string | null> {
  for (;;) {
    const t = await nextLine(lines)
    if (t === null || t.trim() !== '') return t
  }
}

async function readCsvHeader(lines: LineSplitter, file: string): Promise<DetectedFormat['csvHeader']> {
  const parser = new CsvLineParser()
  try {
    for (;;) {
      const t = await nextLine(lines)
      if (t === null) {
        parser.end()
        return null
      }
      parser.line(t, lines.line)
      const columns = parser.columns()
      if (columns !== null) return { columns, line: lines.line }
    }
  } catch (err) {
    if (err instanceof BadLine) throw new RecordingError('BAD_LINE', file, err.line, `bad CSV header: ${err.reason}`, err.text)
    throw err
  }
}
