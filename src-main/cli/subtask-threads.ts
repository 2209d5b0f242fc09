// How many worker threads run the N subtasks of `--parallelism N`. A thread loads the engine on its own (about 0.4 s
// of a core, and a Python job's Pyodide 2.5 s and 130 MB), so a TypeScript job's subtasks share one thread per core:
// more threads than cores would only share the cores and start slower (128 threads took half a minute on 2 cores).
// A Python job's subtasks keep a thread each: Pyodide holds one job per interpreter (its module, clock and bridge).

/** Threads for `parallelism` subtasks on `cores` cores; RIFFLE_SUBTASK_THREADS=T sets a TypeScript job's (tests, comparisons). */
export function subtaskThreads(parallelism: number, cores: number, python: boolean): number {
  if (python) return parallelism
  const asked = Number(process.env.RIFFLE_SUBTASK_THREADS)
  const threads = Number.isInteger(asked) && asked > 0 ? asked : cores
  return Math.max(1, Math.min(parallelism, threads))
}
