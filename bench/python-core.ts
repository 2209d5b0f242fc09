// Engine core throughput of a job in any language (the Python bench's twin of engine-core.ts): the job through
// JobRun over pre-parsed in-memory events, with the job's load (for Python: Pyodide's cold start) timed apart.
// Prints one JSON line.
import { readFileSync } from 'node:fs'
import { HeapStateBackend } from '../src-main/engine/state/heap/heap-backend'
import { JobRun } from '../src-main/engine/runtime/job-run'
import { ArrayRecordingReader } from '../src-main/replay/array-reader'
import { loadJobFile } from '../src-main/sandbox/load-job-file'

async function main(): Promise<void> {
  const [jobPath, recordingPath] = process.argv.slice(2)
  const values = readFileSync(recordingPath, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as unknown)
  const l0 = performance.now()
  const { main: jobMain, mapper, onInput } = await loadJobFile(jobPath)
  const loadMillis = performance.now() - l0
  let outputs = 0
  const run = JobRun.create({
    main: jobMain, mapper, onInput, backend: new HeapStateBackend(), reader: ArrayRecordingReader.ofValues(values),
    processingTime: 'follow', drainProcessingTimers: false, jobSink: () => { outputs++ }, batchSize: 8192,
  })
  const t0 = performance.now()
  const c0 = process.cpuUsage()
  await run.runToEnd()
  const millis = performance.now() - t0
  const cpu = process.cpuUsage(c0)
  process.stdout.write(JSON.stringify({ events: values.length, sessions: outputs, loadMillis, millis, cpuMillis: (cpu.user + cpu.system) / 1000 }) + '\n')
}

void main()
