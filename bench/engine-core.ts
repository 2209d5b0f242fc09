// Engine core throughput on pre-parsed in-memory events: the reference job through JobRun with an
// in-memory reader, so neither file reading nor JSON parsing is measured. Prints one JSON line.
import { readFileSync } from 'node:fs'
import { HeapStateBackend } from '../src-main/engine/state/heap/heap-backend'
import { JobRun } from '../src-main/engine/runtime/job-run'
import { ArrayRecordingReader } from '../src-main/replay/array-reader'
import { compileJob } from '../src-main/sandbox/compile-job'
import { loadJob } from '../src-main/sandbox/load-job'

async function main(): Promise<void> {
  const [jobPath, recordingPath] = process.argv.slice(2)
  const text = readFileSync(recordingPath, 'utf8')
  const values: unknown[] = []
  let start = 0
  for (;;) {
    const nl = text.indexOf('\n', start)
    if (nl < 0) break
    if (nl > start) values.push(JSON.parse(text.slice(start, nl)))
    start = nl + 1
  }
  const { main: jobMain, mapper } = loadJob(await compileJob(jobPath))
  let outputs = 0
  const run = JobRun.create({
    main: jobMain, mapper, backend: new HeapStateBackend(), reader: ArrayRecordingReader.ofValues(values),
    processingTime: 'follow', drainProcessingTimers: false, jobSink: () => { outputs++ }, batchSize: 8192,
  })
  const t0 = performance.now()
  const c0 = process.cpuUsage()
  await run.runToEnd()
  const millis = performance.now() - t0
  const cpu = process.cpuUsage(c0)
  const cpuMillis = (cpu.user + cpu.system) / 1000
  process.stdout.write(JSON.stringify({ events: values.length, sessions: outputs, millis, cpuMillis, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n')
}

void main()
