// A Python job's stored value in a trace, written as the job reads it where its state declares a type PyFlink's
// serializers rebuild (python/_riffle_typed.py's decoder has the same rules): a ROW's field list as
// Row(user='a', n=1), a TUPLE's as ('a', 1), a DOUBLE's or FLOAT's whole number as 1.0, in Python's repr, as PyFlink
// prints them. The engine keeps the JSON (["a", 1], 1): without this the Trace view and the inline hints showed that.
import type { TypeInfo } from '../../engine/api/types'

/** True when type t makes the job read a value otherwise than its JSON (a named ROW, a TUPLE, a float type). */
export function rebuilds(t: TypeInfo | undefined): boolean {
  if (t === undefined) return false
  switch (t.name) {
    case 'ROW': return (t.params?.length ?? 0) > 0 // Types.ROW() without fields is any JSON value
    case 'TUPLE': case 'DOUBLE': case 'FLOAT': case 'BYTES': return true
    case 'LIST': return rebuilds(t.params?.[0])
    case 'MAP': return mapKeyType(t) !== undefined || rebuilds(t.params?.[1])
    default: return false
  }
}

/**
 * True when type t holds bytes (Types.PRIMITIVE_ARRAY(Types.BYTE())) anywhere, a ROW's field or a LIST's item too: the
 * engine keeps bytes as the JSON list of their values ([118, 105]), which reads as no bytes, so the key detail writes
 * a value of such a type as the job reads it (b'vi': session-views.ts), where other values show the JSON kept.
 */
export function holdsBytes(t: TypeInfo | undefined): boolean {
  if (t === undefined) return false
  if (t.name === 'BYTES') return true
  const params = t.params ?? []
  return t.name === 'ROW' ? params.some((p) => holdsBytes(field(p).type)) : params.some(holdsBytes)
}

/**
 * A state's whole content as the debugger's views hold it (a value; a list; a map's [key, value] pairs) written as
 * Python does (b'view', [(b'k', 1)]) where the state's declared types hold bytes; undefined for any other state, and
 * for an absent value.
 */
export function bytesContentText(kind: string, d: { key?: TypeInfo; value?: TypeInfo } | undefined, content: unknown): string | undefined {
  if (d === undefined || content === undefined || !(holdsBytes(d.value) || (kind === 'map' && holdsBytes(d.key)))) return undefined
  return pythonRepr(content, callTypes(kind, 'get', d).content)
}

/**
 * The key type of a MAP whose keys the engine keeps as their JSON text (python/_riffle_map_keys.py keys_as_text: any
 * key type but a string or any-value one, so {9: 'a'} is stored {"9": "a"}), else undefined.
 */
function mapKeyType(t: TypeInfo): TypeInfo | undefined {
  const k = t.params?.[0]
  if (k === undefined || k.name === 'STRING' || k.name === 'JSON') return undefined
  return k.name === 'ROW' && (k.params?.length ?? 0) === 0 ? undefined : k
}

/** A map's member name as the job reads its key: its JSON text parsed and written as its type (9, ('a', 1)). */
function keyRepr(member: string, k: TypeInfo | undefined): string {
  if (k === undefined) return strRepr(member)
  try {
    return pythonRepr(JSON.parse(member), k)
  } catch {
    return strRepr(member) // no JSON text: a dict stored before its key type was declared
  }
}

/**
 * A state's whole content as an expression naming the state reads it, in Python's repr (the editor's hover over the
 * state: a value; a list; a map as a dict, its keys by their declared type, an undeclared tuple key a tuple); entries
 * are the debugger's views' (StateEntryView). An absent value is None, as the expression reads it.
 */
export function stateRepr(kind: string, d: { key?: TypeInfo; value?: TypeInfo }, entries: ReadonlyArray<{ entryKey: unknown; value: unknown }>): string {
  if (kind === 'list') return pythonRepr(entries.map((e) => e.value), callTypes(kind, 'get', d).content)
  if (kind !== 'map') return pythonRepr(entries[0]?.value ?? null, d.value)
  const textKey = d.key === undefined ? undefined : mapKeyType({ name: 'MAP', params: [d.key] })
  const key = (k: unknown): string => typeof k === 'string' ? keyRepr(k, textKey)
    : pythonRepr(k, d.key ?? (Array.isArray(k) ? { name: 'TUPLE' } : undefined))
  return `{${entries.map((e) => `${key(e.entryKey)}: ${pythonRepr(e.value, d.value)}`).join(', ')}}`
}

/**
 * A state's content as a trace holds it (the key's stored value as the job reads it: a map's list of [key, value]
 * pairs) in Python's repr, by stateRepr's rule: a map as the dict the job's own repr of it reads ({'view': 1}, not
 * the engine's pairs [['view', 1]]). An absent content is undefined.
 */
export function contentRepr(kind: string, d: { key?: TypeInfo; value?: TypeInfo }, content: unknown): string | undefined {
  if (content === undefined) return undefined
  if (kind !== 'map' || !Array.isArray(content)) return pythonRepr(content, callTypes(kind, 'get', d).content)
  return stateRepr(kind, d, (content as Array<[unknown, unknown]>).map(([entryKey, value]) => ({ entryKey, value })))
}

/** A ROW's field as its label has it ("user: STRING", its own params): the name and the field's type. */
function field(p: TypeInfo): { name: string; type: TypeInfo } {
  // The type's name never holds ": " (a nested ROW's fields are its params): the last one ends the field's name.
  const at = p.name.lastIndexOf(': ')
  if (at < 0) return { name: p.name, type: { name: 'JSON' } }
  return { name: p.name.slice(0, at), type: { name: p.name.slice(at + 2), params: p.params } }
}

/** JSON value v, of declared type t (undefined: any), as Python's repr of what the job reads. */
export function pythonRepr(v: unknown, t?: TypeInfo): string {
  if (v === null || v === undefined) return 'None'
  const name = t?.name
  if (Array.isArray(v)) {
    if (name === 'ROW' && t?.params !== undefined && t.params.length > 0) {
      const fields = t.params.map(field)
      return `Row(${v.map((x, i) => `${fields[i]?.name ?? `f${i}`}=${pythonRepr(x, fields[i]?.type)}`).join(', ')})`
    }
    if (name === 'BYTES') return bytesRepr(v)
    if (name === 'TUPLE') {
      const items = v.map((x, i) => pythonRepr(x, t?.params?.[i]))
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`
    }
    const element = name === 'LIST' ? t?.params?.[0] : undefined
    return `[${v.map((x) => pythonRepr(x, element)).join(', ')}]`
  }
  if (typeof v === 'object') {
    const value = name === 'MAP' ? t?.params?.[1] : undefined
    const key = name === 'MAP' ? mapKeyType(t!) : undefined
    return `{${Object.entries(v).map(([k, x]) => `${keyRepr(k, key)}: ${pythonRepr(x, value)}`).join(', ')}}`
  }
  if (typeof v === 'string') return strRepr(v)
  if (typeof v === 'boolean') return v ? 'True' : 'False'
  if (typeof v === 'number') return name === 'DOUBLE' || name === 'FLOAT' || !Number.isInteger(v) ? floatRepr(v) : String(v)
  return String(v)
}

/** Python's repr of a float: 1.0, 0.5, 1e+16, 1e-05. */
function floatRepr(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'nan' : n > 0 ? 'inf' : '-inf'
  const abs = Math.abs(n)
  if (abs !== 0 && (abs >= 1e16 || abs < 1e-4)) {
    // Python writes these with an exponent of at least two digits; JavaScript's shortest digits are Python's too.
    const [mantissa, exp] = n.toExponential().split('e')
    return `${mantissa}e${exp[0]}${exp.slice(1).padStart(2, '0')}`
  }
  const s = String(n)
  return Number.isInteger(n) ? `${s}.0` : s
}

/** Python's repr of a str: single quotes unless it holds one and no double quote. */
function strRepr(s: string): string {
  return quoted(Array.from(s), 0x100)
}

/** Python's repr of the bytes a Types.PRIMITIVE_ARRAY(Types.BYTE()) value holds (the engine keeps their values). */
function bytesRepr(values: unknown[]): string {
  return `b${quoted(values.map((b) => String.fromCharCode(Number(b) & 0xff)), 0x80)}`
}

/** chars quoted as repr quotes a str; those from `above` to 0xff as \xNN too (a bytes' 0x80 and up). */
function quoted(chars: string[], above: number): string {
  const q = chars.includes("'") && !chars.includes('"') ? '"' : "'"
  let out = q
  for (const c of chars) {
    const code = c.codePointAt(0)!
    if (c === '\\' || c === q) out += `\\${c}`
    else if (c === '\n') out += '\\n'
    else if (c === '\r') out += '\\r'
    else if (c === '\t') out += '\\t'
    else if (code < 0x20 || code === 0x7f || (code >= above && code <= 0xff)) out += `\\x${code.toString(16).padStart(2, '0')}`
    else out += c
  }
  return out + q
}

/** The types of a state call's arguments, its result and the key's stored content (a trace's before → after). */
export interface CallTypes { args: Array<TypeInfo | undefined>; result?: TypeInfo; content?: TypeInfo }

/**
 * What a call of an engine state method (value, update, add, addAll, get, put, putAll, remove, contains, entries...)
 * of a state of `kind` with declared types `d` takes and gives; a map's content is the list of its (key, value) pairs,
 * as items() gives them.
 */
export function callTypes(kind: string, method: string, d: { key?: TypeInfo; value?: TypeInfo }): CallTypes {
  const v = d.value
  if (kind === 'list') {
    const all: TypeInfo | undefined = v === undefined ? undefined : { name: 'LIST', params: [v] }
    return { args: [method === 'add' ? v : all], result: all, content: all }
  }
  if (kind === 'map') {
    const k = d.key
    const content: TypeInfo | undefined = rebuilds(k) || rebuilds(v)
      ? { name: 'LIST', params: [{ name: 'TUPLE', params: [k ?? { name: 'JSON' }, v ?? { name: 'JSON' }] }] } : undefined
    if (method === 'putAll') return { args: [v === undefined ? undefined : { name: 'MAP', params: [k ?? { name: 'JSON' }, v] }], content }
    return { args: [k, v], result: method === 'get' ? v : undefined, content }
  }
  // An aggregating state stores its accumulator (v); add() takes the input and get() gives get_result's value, of
  // no declared type.
  if (kind === 'aggregating') return { args: [undefined], content: v }
  return { args: [v], result: v, content: v }
}
