// How many state entries a backend stores now: one per key and state (a list or map counts once per key), expired TTL
// entries not yet cleaned included. Cheap on every backend (each table keeps its size). The app's charts and status
// and the command line's summary read it: the key count alone never falls, this does when TTL or clear() removes state.
import type { StateBackend } from './backend'

export function storedEntries(backend: StateBackend): number {
  let n = 0
  for (const t of backend.tables()) n += t.size()
  return n
}
