// Every use of esbuild goes through here, so its service process does not outlive a worker thread's need.
// Each thread that calls esbuild starts its own esbuild process, and only that thread's event loop reaps
// it: a session worker that ended with it still running left one zombie esbuild per session until the
// service stopped. In a worker the process is stopped as soon as no call is under way
// (the next call starts another, a few milliseconds); the main thread keeps its one process for reuse.
import { isMainThread } from 'node:worker_threads'
import { stop } from 'esbuild'

let inUse = 0

export async function usingEsbuild<T>(fn: () => Promise<T>): Promise<T> {
  inUse++
  try {
    return await fn()
  } finally {
    if (--inUse === 0 && !isMainThread) await stop()
  }
}
