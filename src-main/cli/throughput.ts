// The run summary's throughput line (riffle run, one subtask or many): the records over the run's own time, from the
// first record read to the last, so a Python job's Pyodide start-up (or a compile, a state folder's opening) does
// not turn a fast run into "27 records/s"; the line says what it divided, so the number can be checked.

/** `records` read by this run in `runMillis` of running: "1250 records/s (40 records in 32 ms of running, …)". */
export function throughputLine(records: number, runMillis: number): string {
  const rate = Math.round(records / Math.max(runMillis / 1000, 1e-9))
  const time = runMillis < 1000 ? `${Math.max(1, Math.round(runMillis))} ms` : `${(runMillis / 1000).toFixed(2)} s`
  return `  throughput:      ${rate} records/s (${records} records in ${time} of running, from the first record read to the last: start-up not counted)`
}
