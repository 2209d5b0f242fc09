// What `--parallelism N` above the machine's cores costs before the first record, said up front: each subtask is a
// worker thread of its own that loads the engine (and a Python job's Pyodide) itself, nothing shared, so 128
// subtasks on 2 cores sit for half a minute, silently, before the run starts (docs/command-line.md).

/**
 * A subtask's start, in seconds of one core, measured on the 2-core dev machine (`riffle run --parallelism N` of a
 * 10-line file: 128 TypeScript subtasks 29-53 s; 4 to 8 Python ones 5-11 s, 130 MB each): a bare worker thread is
 * about 0.07 s of it, loading the engine's bundle the rest.
 */
const CORE_SECONDS_TS = 0.4
const CORE_SECONDS_PY = 2.5
const MB_PY = 130

/** The notice for N subtasks on `cores` cores, or null when there are no more subtasks than cores. */
export function parallelStartupNotice(parallelism: number, cores: number, python: boolean): string | null {
  if (parallelism <= cores) return null
  const each = python ? `the engine and Pyodide on its own (about ${CORE_SECONDS_PY} s of a core and ${MB_PY} MB each)` : `the engine on its own (about ${CORE_SECONDS_TS} s of a core each)`
  const seconds = Math.round((parallelism * (python ? CORE_SECONDS_PY : CORE_SECONDS_TS)) / cores)
  return `riffle: --parallelism ${parallelism} starts ${parallelism} worker threads on ${cores} cores, each loading ${each}: ` +
    `about ${seconds} s before the first record is read. Above ${cores} the subtasks only share the cores; the output is the same at any parallelism.\n`
}
