// User keys of Map state: any JSON value, addressed by its canonical string (runtime/key-codec.ts).
import { keyFromString, keyToString } from '../../runtime/key-codec'
import { toStateData } from '../json-data'

/** The canonical string of a map user key; a TypeError naming the state when it is not JSON data. */
export function userKeyString(userKey: unknown, stateName: string): string {
  if (typeof userKey === 'string') return JSON.stringify(userKey)
  try {
    return keyToString(userKey)
  } catch (e) {
    throw new TypeError(`state "${stateName}": a map key must be JSON data (${(e as Error).message})`, { cause: e })
  }
}

export function userKeyFromString(s: string): unknown {
  return keyFromString(s)
}

/**
 * The entries of a putAll argument, validated and copied before anything is written: an iterable of
 * [key, value] pairs (an array of pairs, a JS Map) or a plain object (string keys).
 */
export function putAllEntries(entries: unknown, stateName: string, allowNullValue: boolean): Array<[string, unknown]> {
  if (entries === null || entries === undefined || typeof entries !== 'object') {
    throw new TypeError(`state "${stateName}": putAll expects an iterable of [key, value] pairs or a plain object, got ${entries === null ? 'null' : typeof entries}`)
  }
  const out: Array<[string, unknown]> = []
  if (Symbol.iterator in entries) {
    let i = 0
    for (const pair of entries as Iterable<unknown>) {
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new TypeError(`state "${stateName}": putAll entry ${i} is not a [key, value] pair`)
      }
      out.push([userKeyString(pair[0], stateName), valueFor(pair[1], stateName, allowNullValue)])
      i++
    }
  } else {
    for (const k of Object.keys(entries)) {
      out.push([JSON.stringify(k), valueFor((entries as Record<string, unknown>)[k], stateName, allowNullValue)])
    }
  }
  return out
}

function valueFor(v: unknown, stateName: string, allowNull: boolean): unknown {
  if (v === null && allowNull) return null
  return toStateData(v, stateName, 'map value')
}
