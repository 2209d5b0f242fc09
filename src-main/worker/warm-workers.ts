// Python sessions start warm: Pyodide's cold start (seconds) is paid by a spare worker in the background, not by
// the next session. After a Python session takes a worker (the first one, a restart after an edit, a new
// session after the watchdog ended one), a fresh spare is made and told to load Python at once.
import type { WorkerHost, WorkerLimits } from './worker-host'

export interface WarmWorkers {
  /** A worker for a session: the warm spare when the job is Python and the spare fits, else a new one. */
  take(python: boolean, watchdogMs: number | undefined, describeLine: (line: number) => string, limits: WorkerLimits): WorkerHost
  /** Ends the spare (the service is closing). */
  dispose(): Promise<void>
}

export function warmWorkers(make: (watchdogMs: number | undefined, describeLine: ((line: number) => string) | undefined, limits: WorkerLimits) => WorkerHost): WarmWorkers {
  let spare: { host: WorkerHost; watchdogMs: number | undefined; heapMb: number | undefined } | null = null

  const warmSpare = (watchdogMs: number | undefined, limits: WorkerLimits): void => {
    const host = make(watchdogMs, undefined, limits)
    host.park()
    host.send({ type: 'warm' })
    host.onDeath(() => { if (spare?.host === host) spare = null })
    spare = { host, watchdogMs, heapMb: limits.heapMb }
  }

  return {
    take(python, watchdogMs, describeLine, limits) {
      if (!python) return make(watchdogMs, describeLine, limits)
      const s = spare
      spare = null
      let host: WorkerHost
      if (s !== null && s.host.deathInfo === null && s.watchdogMs === watchdogMs && s.heapMb === limits.heapMb) {
        host = s.host
        host.adopt(describeLine)
      } else {
        if (s !== null) void s.host.terminate()
        host = make(watchdogMs, describeLine, limits)
      }
      warmSpare(watchdogMs, limits)
      return host
    },
    async dispose() {
      const s = spare
      spare = null
      if (s !== null) await s.host.terminate()
    },
  }
}
