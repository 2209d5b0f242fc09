// The order-preserving layout of Riffle state inside one LevelDB database (utf8 keys, JSON values).
//
//   !riffle                      -> {"format":"riffle-state","version":1}   marks a Riffle state directory
//   r<table>                     -> {"meta":TableMeta,"head","tail","next","count","ghosts"}  registry row
//   k<table>\x00<key>            -> [seq, value]          value tables: one record per key
//   k<table>\x00<key>            -> [seq, [userKey, ...]] map tables: the key's manifest (insertion order)
//   e<table>\x00<key>\x00<userKey> -> value               map tables: one record per map entry
//   c<table>\x00<seq>            -> [key, nextSeq]        the key chain (key-chain.ts), seq in base 36
//
// <table> is the table's decimal index (its registration order); <key> and <userKey> are canonical
// JSON strings (runtime/key-codec.ts). JSON.stringify escapes every control character, so \x00 and
// \x01 never occur inside them: the separators keep one key's map entries the single contiguous
// range [e<t>\x00<key>\x00, e<t>\x00<key>\x01), and one table the range [k<t>\x00, k<t>\x01).
// The chain nodes thread every key of a table in insertion order, which is what lets keys() walk
// the table synchronously through getSync (classic-level 3 has no synchronous iterator). seq is
// zero-padded base 36, so the nodes of a table also sort in chain order for range scans.

export const FORMAT_KEY = '!riffle'
export const FORMAT_VALUE = JSON.stringify({ format: 'riffle-state', version: 1 })

export function registryKey(table: number): string {
  return `r${table}`
}

/** Registry keys sort between these bounds ('r' + digits). */
export const REGISTRY_RANGE = { gte: 'r', lt: 's' } as const

export function keyRecordPrefix(table: number): string {
  return `k${table}\x00`
}

export function nodePrefix(table: number): string {
  return `c${table}\x00`
}

/** 11 base-36 digits hold every safe integer, zero-padded so byte order is numeric order. */
export function seqPart(seq: number): string {
  return seq.toString(36).padStart(11, '0')
}

export function entryPrefix(table: number): string {
  return `e${table}\x00`
}

/** The range holding every record with this prefix (prefixes end in \x00, the lowest byte). */
export function prefixRange(prefix: string): { gte: string; lt: string } {
  return { gte: prefix, lt: `${prefix.slice(0, -1)}\x01` }
}

/** Checks a canonical key or user key can be stored; a raw \x00 would break the range layout. */
export function checkKeyPart(part: string, what: string): void {
  if (part.includes('\x00')) {
    throw new Error(`${what} ${JSON.stringify(part)} contains a NUL character; keys must be canonical JSON (runtime/key-codec.ts)`)
  }
}
