// JSON Lines: one JSON value per line, blank lines skipped, {"$watermark": n} / {"$processingTime": n} control lines.
import { MAX_JSON_DEPTH } from '../engine/state/json-data'
import { timestampProblem } from '../engine/time/timestamp-range'
import { BadLine, type LineParser, type RecordingItem } from './recording-types'

const BOM = 0xfeff

/** Parses a line as JSON; undefined for a blank line; throws BadLine when it is not JSON. */
export function parseJsonText(text: string, lineNo: number): unknown {
  let v: unknown
  try {
    v = JSON.parse(text)
  } catch (err) {
    // Checked only on failure: JSON.parse of a blank line throws, so the common path pays nothing.
    if (text.trim() === '') return undefined
    if (text.charCodeAt(0) === BOM) return parseJsonText(text.slice(1), lineNo)
    const hint = looksBinary(text) ? BINARY_HINT : lineNo === 1 ? firstLineHint(text) : ''
    throw new BadLine(lineNo, `not JSON (${(err as Error).message})${hint}`, text)
  }
  checkNesting(v, text, lineNo)
  return v
}

/** Why a CSV recording was read as JSON Lines: the name decides (recordings/README.md), and standard input is never CSV. */
const CSV_HINT = '; it looks like a CSV header row: a recording is read as CSV only when its name ends in .csv (or .csv.gz), ' +
  'and standard input as JSON Lines or kcat -J output'

/** Why line 1 may not be JSON although the file is: a CSV file, or a pretty-printed JSON document. */
function firstLineHint(text: string): string {
  if (looksLikeCsvHeader(text)) return CSV_HINT
  // JSON.stringify(x, null, 2), json.dump(x, indent=2) and jq without -c end their first line with the opener.
  const t = text.trim()
  if (!/^[[{]/.test(t) || !/[[{]$/.test(t)) return ''
  return '; it looks like one JSON value over many lines (pretty-printed), but a recording holds one JSON value per line ' +
    (t.startsWith('[') ? "(JSON Lines): jq -c '.[]' FILE prints an array's items one per line" : '(JSON Lines): jq -c . FILE prints each object on one line')
}

/** A program or an image given as the recording: its bytes may hold a comma, but it is no CSV header. */
const BINARY_HINT = '; it is not text (binary data): is it the recording you meant?'

/**
 * Control characters other than tab, CR and form feed (JSON allows none of them raw, so a line of text in any format
 * has none), or bytes that are not UTF-8 (decoded as U+FFFD).
 */
function looksBinary(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if ((c < 0x20 && c !== 0x09 && c !== 0x0c && c !== 0x0d) || c === 0x7f || c === 0xfffd) return true
  }
  return false
}

/** Comma-separated names, not the start of a JSON value: `ts,user_id,item`. */
function looksLikeCsvHeader(text: string): boolean {
  return text.includes(',') && !/^\s*[{["]/.test(text)
}

/**
 * A value nested deeper than MAX_JSON_DEPTH is a bad line: JSON.parse takes it, but every recursive copy,
 * check or message of it later would overflow the stack. A text shorter than twice the limit cannot
 * nest that deep, so the common short line pays one comparison.
 */
export function checkNesting(v: unknown, text: string, lineNo: number): void {
  if (text.length > 2 * MAX_JSON_DEPTH && deeperThan(v, MAX_JSON_DEPTH)) {
    throw new BadLine(lineNo, `JSON nested more than ${MAX_JSON_DEPTH} levels deep`, text)
  }
}

function deeperThan(v: unknown, levels: number): boolean {
  if (v === null || typeof v !== 'object') return false
  if (levels === 0) return true
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (deeperThan(v[i], levels - 1)) return true
    return false
  }
  for (const k in v) if (deeperThan((v as Record<string, unknown>)[k], levels - 1)) return true
  return false
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** True when the value claims to be a control line (so it must be exactly one). */
export function looksLikeControl(v: unknown): v is Record<string, unknown> {
  return isPlainObject(v) && ('$watermark' in v || '$processingTime' in v)
}

/**
 * A control line is an object whose only key is "$watermark" or "$processingTime" with a finite number.
 * Anything else carrying those keys is a bad line rather than an event, so a typo never silently
 * turns a time command into a record.
 */
export function parseControl(v: Record<string, unknown>, lineNo: number, text: string): RecordingItem {
  const keys = Object.keys(v)
  if (keys.length !== 1) {
    throw new BadLine(lineNo,
      `a control line has exactly one key, "$watermark" or "$processingTime" (found ${keys.map((k) => JSON.stringify(k)).join(', ')})`,
      text)
  }
  const key = keys[0]
  const n = v[key]
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw new BadLine(lineNo, `${key} must be a finite number of milliseconds (got ${typeof n === 'number' ? String(n) : JSON.stringify(n)})`, text)
  }
  const problem = timestampProblem(n, true)
  if (problem !== null) throw new BadLine(lineNo, `${key}: ${problem}`, text)
  return key === '$watermark'
    ? { kind: 'watermark', watermark: n, origin: { line: lineNo } }
    : { kind: 'processingTime', time: n, origin: { line: lineNo } }
}

export class JsonLineParser implements LineParser {
  /** keepText: each record keeps its line's text, which a Python job decodes so that 3.0 stays a float (python-bridge.ts). */
  constructor(private readonly keepText = false) {}

  line(text: string, lineNo: number): RecordingItem | null {
    const v = parseJsonText(text, lineNo)
    if (v === undefined) return null
    if (looksLikeControl(v)) return parseControl(v, lineNo, text)
    // Other jobs never read it: the text (a slice of the reader's chunk) is not held beyond the parse.
    const own = !this.keepText ? undefined : text.charCodeAt(0) === BOM ? text.slice(1) : text
    return { kind: 'record', value: v, sourceTimestamp: null, origin: { line: lineNo }, text: own }
  }

  end(): void {}
}
