// Where a worker thread's JavaScript is right now, read from the owning thread through the inspector: attach
// to the worker (NodeWorker domain), pause it (Debugger.pause, which V8 serves even inside a tight loop), read
// the paused call frames, resume and detach. The watchdog uses it to say where a runaway job was before it
// terminates the worker; a worker stuck where the inspector cannot reach it answers null within `timeoutMs`.
import { Session } from 'node:inspector'
import type { Worker } from 'node:worker_threads'

/** One paused frame: the script's name (a loaded job's vm file name) and a 1-based line and column. */
export interface PausedFrame { script: string; line: number; column: number; functionName: string }

interface CdpCallFrame { functionName: string; location: { scriptId: string; lineNumber: number; columnNumber: number } }
interface WorkerMessage { id?: number; method?: string; params?: Record<string, unknown> }

/** The worker's call frames, innermost first, or null when it did not pause within `timeoutMs`. */
export function pausedFrames(worker: Worker, timeoutMs: number): Promise<PausedFrame[] | null> {
  const session = new Session()
  return new Promise<PausedFrame[] | null>((resolve) => {
    let done = false
    let workerSession: string | null = null
    const scripts = new Map<string, string>()
    const toWorker = (id: number, method: string): void => {
      if (workerSession === null) return
      const message = JSON.stringify({ id, method })
      session.post('NodeWorker.sendMessageToWorker', { sessionId: workerSession, message }, () => { /* answered as a message */ })
    }
    const finish = (frames: PausedFrame[] | null): void => {
      if (done) return
      done = true
      clearTimeout(timer)
      resolve(frames)
      // A worker left paused cannot be terminated: resume it before detaching (the resume is answered as id 3).
      if (frames === null) end()
      else setTimeout(end, timeoutMs).unref() // the resume's answer detaches sooner
    }
    const end = (): void => { try { session.disconnect() } catch { /* already gone */ } }
    const timer = setTimeout(() => finish(null), timeoutMs)
    session.on('NodeWorker.attachedToWorker', (m: { params: { sessionId: string; workerInfo: { title: string } } }) => {
      // workerId counts the workers this inspector session saw; the title names the thread ("[worker 3]").
      if (m.params.workerInfo.title !== `[worker ${worker.threadId}]` || workerSession !== null) return
      workerSession = m.params.sessionId
      toWorker(1, 'Debugger.enable')
      toWorker(2, 'Debugger.pause')
    })
    session.on('NodeWorker.receivedMessageFromWorker', (m: { params: { sessionId: string; message: string } }) => {
      if (m.params.sessionId !== workerSession) return
      const msg = JSON.parse(m.params.message) as WorkerMessage
      if (msg.method === 'Debugger.scriptParsed') {
        const p = msg.params as { scriptId: string; url: string }
        scripts.set(p.scriptId, p.url)
      } else if (msg.method === 'Debugger.paused') {
        const frames = (msg.params as { callFrames: CdpCallFrame[] }).callFrames.map((f) => ({
          script: scripts.get(f.location.scriptId) ?? '', line: f.location.lineNumber + 1, column: f.location.columnNumber + 1, functionName: f.functionName,
        }))
        toWorker(3, 'Debugger.resume')
        finish(frames)
      } else if (msg.id === 3) {
        end()
      }
    })
    try {
      session.connect()
      session.post('NodeWorker.enable', { waitForDebuggerOnStart: false }, (err) => { if (err) finish(null) })
    } catch {
      finish(null)
    }
  })
}
