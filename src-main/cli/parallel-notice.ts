// What `--parallelism N` of a Python job above the machine's cores costs before the first record, said up front: each
// of its subtasks is a worker thread of its own that loads the engine and Pyodide itself (subtask-threads.ts), so 16
// of them on 2 cores sit for tens of seconds, silently, before the run starts (docs/command-line.md). A TypeScript
// job's subtasks share a thread per core, and start in a moment.

/**
 * A Python subtask's start, in seconds of one core and MB, measured on the 2-core dev machine (`riffle run
 * --parallelism N` of a 10-line file: 4 to 8 Python subtasks 5-11 s, 130 MB each).
 */
const CORE_SECONDS_PY = 2.5
const MB_PY = 130

/** The notice for N subtasks of a Python job on `cores` cores, or null when there are no more subtasks than cores. */
export function parallelStartupNotice(parallelism: number, cores: number): string | null {
  if (parallelism <= cores) return null
  const seconds = Math.round((parallelism * CORE_SECONDS_PY) / cores)
  return `riffle: --parallelism ${parallelism} of a Python job starts ${parallelism} worker threads on ${cores} cores, each loading the engine and Pyodide on its own ` +
    `(about ${CORE_SECONDS_PY} s of a core and ${MB_PY} MB each): about ${seconds} s before the first record is read. ` +
    `Above ${cores} the subtasks only share the cores; the output is the same at any parallelism.\n`
}
