// How a long restore lets a backend write out what it buffered: its own module, so the backend interface
// and the timer and key stores it offers can all name it without importing one another.

/**
 * Called between the pieces of a long restore: returns a promise to await when the backend wants its
 * write-back buffer written out first (LevelDB), or null to go on. Keeps a restore of millions of keys
 * or timers from holding them all in memory as unwritten records.
 */
export type MaybeFlush = () => Promise<void> | null
