// Finds two top-level properties of a JSON Lines record in its bytes, without JSON.parse, for the line
// router of `riffle run --parallelism N` (cli/line-router.ts). It checks the whole line is valid JSON as it
// goes, so a line it accepts is one the reader parses too; whenever it is unsure (an escape in a property
// name, a control line, deep nesting, anything not plainly valid) it says so and the caller parses the line.
// A key that is a plain ASCII string is not made a string at all: its Java hashCode is taken from its bytes.
import { javaHashStep } from '../engine/runtime/key-group'

const QUOTE = 0x22
const BACKSLASH = 0x5c
/** Deeper lines are left to JSON.parse and json-line-parser.ts's nesting check (MAX_JSON_DEPTH is larger). */
const MAX_SCAN_DEPTH = 64

/** A property's value when it is a string, number or boolean; undefined when missing or anything else. */
export type ScannedValue = string | number | boolean | undefined

/** Buffer's own decoders (what toString calls after its argument checks): one call per scanned value. */
interface Slicing { latin1Slice(start: number, end: number): string; utf8Slice(start: number, end: number): string }

export class FieldScan {
  /**
   * After a successful scan: the key property's value (the last one, as JSON.parse keeps the last), or
   * undefined with keyHash set when it is a string of ASCII characters without escapes.
   */
  key: ScannedValue = undefined
  /** After a successful scan: the Java hashCode of the key when it is a plain ASCII string, else null. */
  keyHash: number | null = null
  /** After a successful scan: the timestamp property's value. */
  timestamp: ScannedValue = undefined
  private readonly keyName: Uint8Array
  private readonly tsName: Uint8Array | null
  /** The value primitive() read. */
  private got: ScannedValue = undefined
  /** What primitive() read as a hash only (then `got` is undefined), else null. */
  private gotHash: number | null = null

  /** Property names must be printable ASCII (route-shape.ts refuses others). */
  constructor(keyField: string, timestampField: string | null) {
    this.keyName = Buffer.from(keyField, 'latin1')
    this.tsName = timestampField === null ? null : Buffer.from(timestampField, 'latin1')
  }

  /**
   * True when bytes [start, end) are one valid JSON object, not a control line, that this scan read
   * without doubt (key and timestamp set); false: unsure, parse the line instead.
   */
  scan(b: Buffer, start: number, end: number): boolean {
    return this.object(b, start, end) === end
  }

  /**
   * scan() of the line that starts at `start` and ends at the next line break or at `limit`, found by the scan
   * itself (the router then needs no search for it): the line's end (the index of its "\n", or `limit`) when
   * scan() of it would be true, else -1 (unsure, or the line is invalid: its end is not known then). A line
   * break is never whitespace to the scan, and a string holding one is invalid, so it cannot read past it.
   */
  scanLine(b: Buffer, start: number, limit: number): number {
    const i = this.object(b, start, limit)
    return i === limit || (i >= 0 && b[i] === 0x0a) ? i : -1
  }

  /** The index after a valid JSON object at `start` and the whitespace after it (not a line break), or -1. */
  private object(b: Buffer, start: number, end: number): number {
    this.key = undefined
    this.keyHash = null
    this.timestamp = undefined
    let i = ws(b, start, end)
    if (i >= end || b[i] !== 0x7b) return -1
    i = ws(b, i + 1, end)
    if (i < end && b[i] === 0x7d) return ws(b, i + 1, end)
    for (;;) {
      if (i >= end || b[i] !== QUOTE) return -1
      const nameStart = i + 1
      i = string(b, i, end, false)
      if (i < 0) return -1
      const nameEnd = i - 1
      // "$watermark" / "$processingTime" make a control line: the reader's rules for those.
      if (b[nameStart] === 0x24) return -1
      i = ws(b, i, end)
      if (i >= end || b[i] !== 0x3a) return -1
      i = ws(b, i + 1, end)
      if (same(b, nameStart, nameEnd, this.keyName)) {
        i = this.primitive(b, i, end, true)
        if (i < 0) return -1
        this.key = this.got
        this.keyHash = this.gotHash
      } else if (this.tsName !== null && same(b, nameStart, nameEnd, this.tsName)) {
        i = this.primitive(b, i, end, false)
        if (i < 0) return -1
        this.timestamp = this.got
      } else {
        i = value(b, i, end, 2)
        if (i < 0) return -1
      }
      i = ws(b, i, end)
      if (i >= end) return -1
      const c = b[i++]
      if (c === 0x7d) return ws(b, i, end)
      if (c !== 0x2c) return -1
      i = ws(b, i, end)
    }
  }

  /**
   * A wanted property's value into `got`: a string, number or boolean as JSON.parse gives it; undefined
   * for null, an object or an array (skipped, valid). With `hash`, a plain ASCII string's Java hashCode
   * into `gotHash` instead of the string. Returns the index after it, or -1: not valid JSON.
   */
  private primitive(b: Buffer, i: number, end: number, hash: boolean): number {
    const c = b[i]
    this.gotHash = null
    if (c === QUOTE) {
      const s = i + 1
      let ascii = true
      let h = 0
      for (let k = s; k < end; k++) {
        const d = b[k]
        if (d === QUOTE) {
          if (hash && ascii) {
            this.got = undefined
            this.gotHash = h
            return k + 1
          }
          const sl = b as unknown as Slicing
          this.got = ascii ? sl.latin1Slice(s, k) : sl.utf8Slice(s, k)
          return k + 1
        }
        h = javaHashStep(h, d)
        if (d === BACKSLASH) {
          // An escape: validated by the scan, decoded by JSON.parse (the rules in one place).
          const e = string(b, i, end, true)
          if (e < 0) return -1
          this.got = JSON.parse((b as unknown as Slicing).utf8Slice(i, e)) as string
          return e
        }
        if (d < 0x20) return -1
        if (d >= 0x80) ascii = false
      }
      return -1
    }
    if (c >= 0x31 && c <= 0x39) {
      // The common timestamp: up to 15 digits and nothing else, read and checked in one pass.
      let n = 0
      let k = i
      for (; k < end; k++) {
        const d = b[k]
        if (d < 0x30 || d > 0x39) break
        n = n * 10 + (d - 0x30)
      }
      if (k - i <= 15 && (k >= end || (b[k] !== 0x2e && b[k] !== 0x65 && b[k] !== 0x45))) {
        this.got = n
        return k
      }
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const e = number(b, i, end)
      if (e < 0) return -1
      // Up to 15 digits and nothing else: exact as an integer sum; otherwise the engine's own conversion.
      let n = 0
      let k = i
      while (k < e && b[k] >= 0x30 && b[k] <= 0x39) n = n * 10 + (b[k++] - 0x30)
      this.got = k === e && e - i <= 15 ? n : Number((b as unknown as Slicing).latin1Slice(i, e))
      return e
    }
    if (c === 0x74) { this.got = true; return literal(b, i, end, 'true') }
    if (c === 0x66) { this.got = false; return literal(b, i, end, 'false') }
    this.got = undefined
    return value(b, i, end, 2)
  }
}

/**
 * JSON whitespace within a line (a CR before the line break is whitespace too; the line break itself ends the
 * line, so it is not): the index of the next other byte.
 */
function ws(b: Buffer, i: number, end: number): number {
  while (i < end) {
    const c = b[i]
    if (c !== 0x20 && c !== 0x0d && c !== 0x09) return i
    i++
  }
  return i
}

function same(b: Buffer, s: number, e: number, name: Uint8Array): boolean {
  if (e - s !== name.length) return false
  for (let k = 0; k < name.length; k++) if (b[s + k] !== name[k]) return false
  return true
}

/** Skips one JSON value at nesting `depth`: the index after it, or -1 when invalid (or too deep to be sure). */
function value(b: Buffer, i: number, end: number, depth: number): number {
  if (depth > MAX_SCAN_DEPTH || i >= end) return -1
  const c = b[i]
  if (c === QUOTE) return string(b, i, end, true)
  if (c === 0x7b || c === 0x5b) {
    const close = c === 0x7b ? 0x7d : 0x5d
    i = ws(b, i + 1, end)
    if (i < end && b[i] === close) return i + 1
    for (;;) {
      if (c === 0x7b) {
        if (i >= end || b[i] !== QUOTE) return -1
        i = string(b, i, end, true)
        if (i < 0) return -1
        i = ws(b, i, end)
        if (i >= end || b[i] !== 0x3a) return -1
        i = ws(b, i + 1, end)
      }
      i = value(b, i, end, depth + 1)
      if (i < 0) return -1
      i = ws(b, i, end)
      if (i >= end) return -1
      const d = b[i++]
      if (d === close) return i
      if (d !== 0x2c) return -1
      i = ws(b, i, end)
    }
  }
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return number(b, i, end)
  if (c === 0x74) return literal(b, i, end, 'true')
  if (c === 0x66) return literal(b, i, end, 'false')
  if (c === 0x6e) return literal(b, i, end, 'null')
  return -1
}

/** A string token from its opening quote: the index after it, or -1; `escapes`: false refuses any backslash (unsure). */
function string(b: Buffer, i: number, end: number, escapes: boolean): number {
  i++
  while (i < end) {
    const c = b[i++]
    if (c === QUOTE) return i
    if (c < 0x20) return -1
    if (c === BACKSLASH) {
      if (!escapes || i >= end) return -1
      const e = b[i++]
      if (e === 0x75) {
        for (let k = 0; k < 4; k++) {
          const h = i < end ? b[i++] : 0
          if (!((h >= 0x30 && h <= 0x39) || (h >= 0x41 && h <= 0x46) || (h >= 0x61 && h <= 0x66))) return -1
        }
      } else if (e !== QUOTE && e !== BACKSLASH && e !== 0x2f && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74) {
        return -1
      }
    }
  }
  return -1
}

/** JSON's number grammar, -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?: the index after it, or -1. */
function number(b: Buffer, i: number, end: number): number {
  if (b[i] === 0x2d) i++
  if (i >= end) return -1
  if (b[i] === 0x30) i++
  else if ((i = digits(b, i, end)) < 0) return -1
  if (i < end && b[i] === 0x2e) {
    if ((i = digits(b, i + 1, end)) < 0) return -1
  }
  if (i < end && (b[i] === 0x65 || b[i] === 0x45)) {
    i++
    if (i < end && (b[i] === 0x2b || b[i] === 0x2d)) i++
    if ((i = digits(b, i, end)) < 0) return -1
  }
  return i
}

/** One or more digits: the index after them, or -1. */
function digits(b: Buffer, i: number, end: number): number {
  const s = i
  while (i < end && b[i] >= 0x30 && b[i] <= 0x39) i++
  return i > s ? i : -1
}

function literal(b: Buffer, i: number, end: number, word: string): number {
  if (end - i < word.length) return -1
  for (let k = 0; k < word.length; k++) if (b[i + k] !== word.charCodeAt(k)) return -1
  return i + word.length
}
