// Session start to first step for a Python job: fresh (this thread loads Pyodide, as a new worker does) and on a
// restart (Pyodide already loaded, as in the warm worker a restart takes). Prints one JSON line.
import { DebugSession } from '../src-main/debugger/debug-session'

async function startToFirstStep(jobPath: string, recordingPath: string): Promise<number> {
  const t0 = performance.now()
  const s = await DebugSession.open({
    jobPath, recordingPath, backend: 'heap', processingTime: 'follow', drainProcessingTimers: false, skipBadLines: false,
  })
  await s.step({ kind: 'step' })
  const millis = performance.now() - t0
  await s.close()
  return millis
}

async function main(): Promise<void> {
  const [jobPath, recordingPath] = process.argv.slice(2)
  const freshMillis = await startToFirstStep(jobPath, recordingPath)
  const restartMillis = await startToFirstStep(jobPath, recordingPath)
  process.stdout.write(JSON.stringify({ freshMillis, restartMillis }) + '\n')
}

void main()
