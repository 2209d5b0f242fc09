// CSV (RFC 4180) with a header row: quoted fields may hold commas, doubled quotes and line breaks.
import { BadLine, type LineParser, type RecordingItem } from './recording-types'

const COMMA = 44
const QUOTE = 34
/** Plain decimal numbers only: "00042" (an id, a zip code) and " 12" stay strings. */
const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/

/**
 * Typing of an unquoted field: "" → null, true/false → booleans, plain decimal numbers → numbers
 * (except integers beyond 2^53, which would lose digits and stay strings), anything else a string.
 * A quoted field is always a string: quoting is how a file says "this is text" ("" is the empty string).
 */
export function typeCsvField(raw: string, quoted: boolean): unknown {
  if (quoted) return raw
  if (raw === '') return null
  if (raw === 'true') return true
  if (raw === 'false') return false
  if (NUMBER.test(raw)) {
    const n = Number(raw)
    if (Number.isSafeInteger(n) || !/^-?[0-9]+$/.test(raw)) return n
  }
  return raw
}

interface Pending {
  fields: string[]
  quoted: boolean[]
  /** The field being read; inside quotes when `inQuotes`. */
  cur: string
  curQuoted: boolean
  inQuotes: boolean
  startLine: number
  lines: string[]
}

export class CsvLineParser implements LineParser {
  private header: string[] | null
  private pending: Pending | null = null

  /** `header` is given when resuming past the header row; otherwise the first non-blank record is the header. */
  constructor(header: string[] | null = null) {
    this.header = header
  }

  columns(): string[] | null {
    return this.header
  }

  line(rawText: string, lineNo: number): RecordingItem | null {
    const text = rawText.charCodeAt(rawText.length - 1) === 13 ? rawText.slice(0, -1) : rawText
    let p = this.pending
    if (p === null) {
      if (text.trim() === '') return null // a blank line between records is skipped, like in JSON Lines
      p = { fields: [], quoted: [], cur: '', curQuoted: false, inQuotes: false, startLine: lineNo, lines: [] }
    } else {
      p.cur += '\n' // the line break belongs to a quoted field (a CRLF is kept as "\n")
    }
    p.lines.push(text)
    this.scan(p, this.header === null && lineNo === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
    if (p.inQuotes) {
      this.pending = p
      return null
    }
    this.pending = null
    p.fields.push(p.cur)
    p.quoted.push(p.curQuoted)
    return this.record(p)
  }

  end(): void {
    const p = this.pending
    if (p !== null) {
      this.pending = null
      throw new BadLine(p.startLine, 'unterminated quoted field (a " was never closed)', p.lines.join('\n'))
    }
  }

  /** Reads one physical line into the pending record, field by field. */
  private scan(p: Pending, text: string): void {
    let i = 0
    const n = text.length
    while (i <= n) {
      if (p.inQuotes) {
        const q = text.indexOf('"', i)
        if (q === -1) {
          p.cur += text.slice(i)
          return // the field continues on the next line
        }
        p.cur += text.slice(i, q)
        if (text.charCodeAt(q + 1) === QUOTE) {
          p.cur += '"'
          i = q + 2
          continue
        }
        p.inQuotes = false
        i = q + 1
        if (i < n && text.charCodeAt(i) !== COMMA) {
          throw this.bad(p, `unexpected text after a closing quote in field ${p.fields.length + 1}`)
        }
        if (i >= n) return
        p.fields.push(p.cur)
        p.quoted.push(true)
        p.cur = ''
        p.curQuoted = false
        i++
        if (i === n) return // a trailing comma: one more, empty field
        continue
      }
      if (text.charCodeAt(i) === QUOTE) {
        p.inQuotes = true
        p.curQuoted = true
        i++
        continue
      }
      const c = text.indexOf(',', i)
      const end = c === -1 ? n : c
      const field = text.slice(i, end)
      if (field.includes('"')) throw this.bad(p, `a quote inside unquoted field ${p.fields.length + 1} (quote the whole field and double the quote)`)
      if (c === -1) {
        p.cur = field
        return
      }
      p.fields.push(field)
      p.quoted.push(false)
      p.cur = ''
      p.curQuoted = false
      i = c + 1
      if (i === n) return
    }
  }

  private bad(p: Pending, reason: string, fatal = false): BadLine {
    this.pending = null
    return new BadLine(p.startLine, reason, p.lines.join('\n'), fatal)
  }

  private record(p: Pending): RecordingItem | null {
    const header = this.header
    if (header === null) {
      this.header = this.checkHeader(p)
      return null
    }
    if (p.fields.length !== header.length) {
      throw this.bad(p, `expected ${header.length} fields (as in the header), found ${p.fields.length}`)
    }
    const value: Record<string, unknown> = {}
    for (let i = 0; i < header.length; i++) value[header[i]] = typeCsvField(p.fields[i], p.quoted[i])
    return { kind: 'record', value, sourceTimestamp: null, origin: { line: p.startLine } }
  }

  private checkHeader(p: Pending): string[] {
    const seen = new Set<string>()
    for (const [i, name] of p.fields.entries()) {
      if (name === '') throw this.bad(p, `header column ${i + 1} has no name`, true)
      if (name === '__proto__') throw this.bad(p, 'header column name "__proto__" is not allowed', true)
      if (seen.has(name)) throw this.bad(p, `header column name "${name}" appears twice`, true)
      seen.add(name)
    }
    return p.fields
  }
}
