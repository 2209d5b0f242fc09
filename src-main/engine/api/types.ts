// Type information for descriptors (Flink's Types.*). Riffle values are JSON data, so a type is a
// label for the inspector and a light check on writes, not a serializer.

export interface TypeInfo {
  readonly name: string
  /** Element/key/value types for LIST and MAP. */
  readonly params?: readonly TypeInfo[]
}

const simple = (name: string): TypeInfo => Object.freeze({ name })

export const Types = {
  LONG: simple('LONG'),
  INT: simple('INT'),
  DOUBLE: simple('DOUBLE'),
  FLOAT: simple('FLOAT'),
  STRING: simple('STRING'),
  BOOLEAN: simple('BOOLEAN'),
  ROW: simple('ROW'),
  JSON: simple('JSON'),
  LIST: (t: TypeInfo): TypeInfo => Object.freeze({ name: 'LIST', params: [t] }),
  MAP: (k: TypeInfo, v: TypeInfo): TypeInfo => Object.freeze({ name: 'MAP', params: [k, v] }),
} as const

export function typeLabel(t: TypeInfo | undefined): string {
  if (t === undefined) return 'JSON'
  if (t.params === undefined) return t.name
  return `${t.name}<${t.params.map(typeLabel).join(', ')}>`
}
