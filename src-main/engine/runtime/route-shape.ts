// Whether the reader of `riffle run --parallelism N` may route each record to the subtask that owns its
// key (cli/line-router.ts) instead of every subtask reading the whole recording: only when all that runs
// before keyBy is a timestamp assigner and a key selector that each read one property of the record, so
// the reader can find both in the line's text, and no user code runs on records another subtask owns.
import type { JobGraph } from './graph-builder'
import { AssignerNode } from './assigner-node'
import { KeyByNode } from './key-by-node'

/** The record's properties the reader needs: the key, and the timestamp (null: the job assigns none). */
export interface RouteShape { readonly keyField: string; readonly timestampField: string | null }

const IDENT = '[A-Za-z_$][\\w$]*'
/** `.field`, `["field"]` or `['field']` on the parameter (named \1 by the patterns below). */
const READ = `\\1\\s*(?:\\.\\s*(${IDENT})|\\[\\s*"([^"\\\\]*)"\\s*\\]|\\[\\s*'([^'\\\\]*)'\\s*\\])`
const SHAPES = [
  new RegExp(`^\\(?\\s*(${IDENT})\\s*\\)?\\s*=>\\s*\\(?\\s*${READ}\\s*\\)?\\s*;?$`),
  new RegExp(`^\\(?\\s*(${IDENT})\\s*\\)?\\s*=>\\s*\\{\\s*return\\s+${READ}\\s*;?\\s*\\}$`),
  new RegExp(`^function\\s*(?:${IDENT})?\\s*\\(\\s*(${IDENT})\\s*\\)\\s*\\{\\s*return\\s+${READ}\\s*;?\\s*\\}$`),
]

/**
 * Set on a function of another language's job (a Python job's key selector or assigner, python-bridge.ts) to the
 * one property it reads, when its own runtime found that it does nothing else: its JavaScript source says nothing.
 */
export const PLAIN_FIELD: unique symbol = Symbol('riffle.plainField')

/**
 * The property a function of one parameter returns, when its source is nothing but that read (or it says so by
 * PLAIN_FIELD):
 * `(e) => e.user_id`, `e => e["ts"]`, `function (e) { return e.ts }`; otherwise null. A name outside
 * printable ASCII, or `__proto__`, is refused (the reader compares names byte for byte, and JSON.parse
 * makes `__proto__` an own property that a plain object literal would not have).
 */
export function plainPropertyRead(fn: unknown): string | null {
  if (typeof fn !== 'function') return null
  const said = (fn as { [PLAIN_FIELD]?: unknown })[PLAIN_FIELD]
  if (typeof said === 'string') return usableName(said)
  let src: string
  try { src = Function.prototype.toString.call(fn).trim() } catch { return null }
  for (const re of SHAPES) {
    const m = re.exec(src)
    if (m === null) continue
    const name = m[2] ?? m[3] ?? m[4]
    return name === undefined ? null : usableName(name)
  }
  return null
}

function usableName(name: string): string | null {
  return name === '__proto__' || !/^[\x20-\x7e]*$/.test(name) ? null : name
}

/** What the reader needs to route this job's records, or null when it must not (module comment). */
export function routeShape(graph: JobGraph): RouteShape | null {
  const source = graph.source
  if (source.children.length !== 1 || source.sideChildren.size > 0) return null
  let node = source.children[0]
  let timestampField: string | null = null
  if (node instanceof AssignerNode) {
    timestampField = plainPropertyRead(node.assigner)
    if (timestampField === null || node.children.length !== 1 || node.sideChildren.size > 0) return null
    node = node.children[0]
  }
  if (!(node instanceof KeyByNode)) return null
  const keyField = plainPropertyRead(node.selector)
  return keyField === null ? null : { keyField, timestampField }
}
