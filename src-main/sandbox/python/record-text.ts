// A record as a Python job reads it: the JSON text Python decodes (a JSON Lines record's own line, where `3.0` is a
// float to json.loads and 3 to JSON.parse), and whether that text writes a property's number as an int.
import type { RecordingItem } from '../../replay/recording-types'

/**
 * The JSON text a Python job decodes for a record item: its line as written, else the engine's JSON of its value.
 * Without the blanks before it: Python's scanner (_riffle_values._scan) reads a value from the text's first character.
 */
export function pythonRecordText(item: Extract<RecordingItem, { kind: 'record' }>): string {
  const text = item.text
  if (text === undefined) return JSON.stringify(item.value)
  return space(text, 0) === 0 ? text : text.trimStart()
}

/**
 * True when `text` writes the top-level property `name` as the int `n` (`"ts": 1000`), so Python's json.loads gives
 * the int JSON.parse gave; false when it may write it as a float (`1000.0`, `1e3`), or when unsure (the name written
 * with escapes): the caller then asks Python. Any `"name":` followed by a float counts, nested ones too: unsure.
 */
export function writesInt(text: string, name: string, n: number): boolean {
  const quoted = quotedName(name)
  let found = false
  for (let at = text.indexOf(quoted); at !== -1; at = text.indexOf(quoted, at + quoted.length)) {
    let i = space(text, at + quoted.length)
    if (text.charCodeAt(i) !== 0x3a) continue // a string value, not a property name
    i = space(text, i + 1)
    const minus = text.charCodeAt(i) === 0x2d
    if (minus) i++
    // The digits' value, compared with n, instead of their text with String(n) (it runs for every record): the
    // same answer, as the text is JSON (no leading zeros) and n an exact integer other than -0; a value beyond
    // 2^53 rounds to no exact integer. `-0` is no int n could be.
    const start = i
    let v = 0
    for (let c = text.charCodeAt(i); c >= 0x30 && c <= 0x39; c = text.charCodeAt(++i)) v = v * 10 + (c - 0x30)
    const c = text.charCodeAt(i)
    if (c === 0x2e || c === 0x65 || c === 0x45) return false // `.`, `e`, `E`: a float to json.loads
    if (i > start && (minus ? v !== 0 && -v === n : v === n)) found = true
  }
  return found
}

// The last name's quoted form: an assigner reads the same field of every record.
let lastName = ''
let lastQuoted = '""'

function quotedName(name: string): string {
  if (name !== lastName) {
    lastName = name
    lastQuoted = JSON.stringify(name)
  }
  return lastQuoted
}

/** The index of the first character at or after `i` that is not JSON whitespace. */
function space(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i)
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return i
    i++
  }
}
