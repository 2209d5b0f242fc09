// Opens the state backend a run asked for: the heap, or LevelDB in a state directory.
import { rmSync } from 'node:fs'
import type { BackendName } from '../../common/views'
import type { StateBackend } from './backend'
import { HeapStateBackend } from './heap/heap-backend'
import { RiffleError } from '../../common/errors'
import { makeTempStateDir } from './temp-state-dirs'

export interface BackendChoice {
  backend: BackendName
  /** LevelDB folder; a fresh temporary folder when absent. */
  stateDir?: string
  /** Keep what a reused state directory holds (a run about to restore a savepoint); default: start empty. */
  keepState?: boolean
}

export async function createBackend(choice: BackendChoice): Promise<{ backend: StateBackend; stateDir: string | null }> {
  if (choice.backend === 'heap') return { backend: new HeapStateBackend(), stateDir: null }
  if (choice.backend !== 'leveldb') throw new TypeError(`unknown backend "${String(choice.backend)}": use heap or leveldb`)
  const cacheEntries = cacheEntriesFromEnv()
  const temporary = choice.stateDir === undefined
  const dir = choice.stateDir ?? makeTempStateDir()
  // Loaded on demand so a heap run never loads the native LevelDB binding.
  const { LevelDbStateBackend } = await import('./leveldb/leveldb-backend')
  let backend: StateBackend
  try {
    // A run starts empty: a reused --state-dir must not hand it the last run's state, timers or keys.
    // A run that will restore a savepoint keeps them until the restore replaces them, so a refused
    // savepoint leaves the directory as it was.
    backend = await LevelDbStateBackend.open({ dir, cacheEntries, clear: choice.keepState !== true })
  } catch (e) {
    if (temporary) rmSync(dir, { recursive: true, force: true })
    throw e
  }
  if (temporary) {
    // A state directory nobody asked for is removed with the run (keep one with --state-dir).
    const close = backend.close.bind(backend)
    backend.close = async () => {
      await close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
  return { backend, stateDir: temporary ? null : dir }
}

/**
 * RIFFLE_LEVELDB_CACHE_ENTRIES caps the LevelDB write-back cache (records kept in memory; default
 * 100 000). The benchmark and the tests set it low to run with state many times the cache.
 */
export function cacheEntriesFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const text = env.RIFFLE_LEVELDB_CACHE_ENTRIES
  if (text === undefined || text.trim() === '') return undefined
  const n = Number(text)
  if (!Number.isInteger(n) || n < 16) {
    throw new RiffleError('BAD_ARGUMENT', `RIFFLE_LEVELDB_CACHE_ENTRIES must be a whole number of at least 16, got "${text}"`)
  }
  return n
}
