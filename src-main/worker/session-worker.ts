// Entry of a session worker thread: hosts one DebugSession (or one CLI run) and the user code in it,
// so a job that never returns can be stopped by terminating this thread.
import { parentPort, workerData } from 'node:worker_threads'
import { type ErrorInfo, RiffleError, toErrorInfo } from '../common/errors'
import { invokeSession, isSessionMethod } from '../common/session-api'
import { runJob } from '../cli/run-job'
import { skippedOf, tellSkipped } from '../cli/skipped-lines'
import { setTempStateRoot } from '../engine/state/temp-state-dirs'
import { DebugSession } from '../debugger/debug-session'
import { pythonRuntime } from '../sandbox/python/pyodide-runtime'
import { pythonSyntaxProblem } from '../sandbox/python/python-syntax'
import { setJobInterrupt } from '../sandbox/job-interrupt'
import type { FromWorker, ToWorker, WorkerData } from './worker-protocol'
import { RoutedReader } from '../replay/routed-reader'
import { jobLanguageOf } from '../common/job-dialect'
import type { RecordingReader } from '../replay/recording-types'
import type { RouteShape } from '../engine/runtime/route-shape'
import type { JobNoticeView } from '../common/trace-api'
import { setJobNoticeSink } from '../sandbox/job-notices'
import { byLine, setJobOutputSink, type JobOutput } from '../sandbox/job-console'
import { HB_INTERRUPTING, setThreadHeartbeat } from '../sandbox/gate'

const port = parentPort
if (port === null) throw new Error('session-worker must run in a worker thread')
const heartbeat = new Int32Array((workerData as WorkerData).heartbeat)
setThreadHeartbeat(heartbeat)
setTempStateRoot((workerData as WorkerData).scratch)
setJobInterrupt(new Int32Array((workerData as WorkerData).interrupt))
let session: DebugSession | null = null
/** The readers of routed runs (RunJobOptions.route) by run id, fed by 'routeInput' messages. */
const routed = new Map<number, RoutedReader>()
const send = (m: FromWorker): void => port.postMessage(m)
// What the job of a command-line run prints goes to the command line (which prints it on standard error: standard
// output may be its --out) as messages, line by line: ahead of 'ran', so none is lost when the worker ends. One for
// the thread: the job's console is the thread's, whichever of its runs (subtasks) prints.
const printed = byLine((text) => send({ type: 'jobOutput', text }))

// Calls run one at a time: a session is not reentrant (a history or lineage answer re-executes the past,
// moving the run; a keys() or step() interleaved at one of its awaits would see or move a rewound run).
let queue: Promise<void> = Promise.resolve()
/**
 * After the watchdog's interrupt stopped a call (a loop the interrupt unwound: job-interrupt.ts), the session is mid-step:
 * the calls queued behind it wait here until the owner's `first` call has put it back (a restore from the nearest
 * snapshot), rather than run on the broken step.
 */
let held: { until: Promise<void>; release(): void } | null = null
port.on('message', (msg: ToWorker) => {
  if (msg.type === 'call' && msg.first === true) void handle(msg).finally(releaseHeld)
  else if (msg.type === 'call') queue = queue.then(() => held?.until).then(() => handle(msg))
  // In the order sent, and while the run reads (it waits for them).
  else if (msg.type === 'routeInput') routed.get(msg.id)?.receive(msg.input)
  else void handle(msg)
})

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case 'warm':
      // A failure here is reported by the Python session that needs it (pythonRuntime() tries again).
      await pythonRuntime().catch(() => undefined)
      return
    case 'checkSyntax':
      try {
        send({ type: 'syntaxChecked', id: msg.id, problem: await pythonSyntaxProblem(msg.source, msg.path) })
      } catch (e) {
        send({ type: 'syntaxChecked', id: msg.id, problem: null, error: toErrorInfo(e) })
      }
      return
    case 'open':
      try {
        // Notices said while the job loads come before the session exists: it takes them once opened.
        const early: JobNoticeView[] = []
        setJobNoticeSink((n) => early.push(n))
        // So is what the job prints while it loads (step 0).
        const printed: JobOutput[] = []
        setJobOutputSink((o) => {
          // The line is asked for now, while the job's call is on the stack.
          const where = o.where()
          printed.push({ ...o, where: () => where })
        })
        const opened = session = await DebugSession.open(msg.options)
        for (const n of early) opened.notice(n)
        setJobNoticeSink((n) => opened.notice(n))
        opened.printedWhileLoading(printed)
        setJobOutputSink((o) => opened.jobOutput(o))
        session.run.rc.gate.heartbeat = heartbeat
        session.onProgress = (status) => send({ type: 'status', status })
        send({ type: 'opened' })
      } catch (e) {
        send({ type: 'openFailed', error: toErrorInfo(e) })
      }
      return
    case 'run': {
      // Several runs may share this worker (the subtasks of --parallelism N): each awaits its input in turn.
      const id = msg.id
      try {
        setJobNoticeSink((notice) => send({ type: 'jobNotice', notice }))
        setJobOutputSink(printed.sink)
        const o = msg.options
        const route = o.route !== true ? undefined : {
          reader: (openFile: () => Promise<RecordingReader>) => {
            const reader = new RoutedReader(o.recordingPath, o.skipBadLines, openFile, () => send({ type: 'routeAck', id }),
              jobLanguageOf(o.jobPath) === 'python')
            routed.set(id, reader)
            return reader
          },
          announce: (shape: RouteShape | null) => send({ type: 'routeShape', id, shape }),
        }
        const summary = await runJob(o, (gate) => { gate.heartbeat = heartbeat }, route, tellSkipped((news) => send({ type: 'skipped', id, news })))
        printed.flush()
        send({ type: 'ran', id, summary })
      } catch (e) {
        printed.flush()
        send({ type: 'runFailed', id, error: toErrorInfo(e), skipped: skippedOf(e) })
      } finally {
        routed.delete(id)
      }
      return
    }
    case 'call': {
      if (session === null) {
        send({ type: 'failed', id: msg.id, error: { code: 'SESSION_CLOSED', message: 'no session is open in this worker' } })
        return
      }
      try {
        if (!isSessionMethod(msg.method)) throw new RiffleError('BAD_ARGUMENT', `a session has no method ${JSON.stringify(msg.method)}`)
        const value = await invokeSession(session, msg.method, msg.args)
        send({ type: 'result', id: msg.id, value })
      } catch (e) {
        const error: ErrorInfo = toErrorInfo(e)
        // The watchdog said it was interrupting (worker-host.ts): this failure is its stop, the session is left mid-step.
        const stopped = error.code === 'JOB_TIMEOUT' && msg.first !== true && Atomics.exchange(heartbeat, HB_INTERRUPTING, 0) === 1
        if (stopped) hold()
        send({ type: 'failed', id: msg.id, error, ...(stopped ? { held: true } : {}) })
      }
      return
    }
  }
}

/** Holds the queued calls (see `held`); the session's time travel must restore before it goes on from here. */
function hold(): void {
  session?.timeTravel.invalidate()
  let release = (): void => {}
  const until = new Promise<void>((resolve) => { release = resolve })
  held = { until, release }
}

function releaseHeld(): void {
  const h = held
  held = null
  h?.release()
}
