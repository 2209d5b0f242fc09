// Reading and writing the renderer's remembered settings in localStorage: one JSON value per key, checked by
// the caller's parser on the way in, so a value left by an older build (or typed by hand) is ignored, not trusted.

/** Reads `key` and hands it to `parse`; null when it is absent, unreadable or refused by `parse`. */
export function readStored<T>(key: string, parse: (raw: unknown) => T | null, storage: Storage | null = local()): T | null {
  if (!storage) return null
  try {
    const text = storage.getItem(key)
    return text === null ? null : parse(JSON.parse(text))
  } catch { return null }
}

/** Writes `value` as JSON (null removes the key); a storage that refuses (private mode, quota) is not an error. */
export function writeStored(key: string, value: unknown, storage: Storage | null = local()): void {
  if (!storage) return
  try {
    if (value === null) storage.removeItem(key)
    else storage.setItem(key, JSON.stringify(value))
  } catch { /* not remembered: the next launch starts from the defaults */ }
}

function local(): Storage | null {
  try { return typeof localStorage === 'undefined' ? null : localStorage } catch { return null }
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
