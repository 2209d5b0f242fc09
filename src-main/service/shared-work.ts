// Identical work in flight is done once: callers asking for the same key while it runs share its promise.
// Each caller may pass an AbortSignal (its connection's); a caller that leaves gets an AbortError at once,
// and when the last caller has left the work itself is aborted, so nobody's abandoned work keeps running.
import { RiffleError } from '../common/errors'

interface Running {
  promise: Promise<unknown>
  controller: AbortController
  waiters: number
}

export class SharedWork {
  private readonly running = new Map<string, Running>()

  /** Runs `work` under `key`, or joins the run already in flight under it. */
  run<T>(key: string, work: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortError())
    let entry = this.running.get(key)
    if (entry === undefined) {
      const controller = new AbortController()
      const created: Running = { promise: Promise.resolve(), controller, waiters: 0 }
      created.promise = work(controller.signal).finally(() => { if (this.running.get(key) === created) this.running.delete(key) })
      created.promise.catch(() => undefined) // every waiter handles the outcome; none left must not be an unhandled rejection
      this.running.set(key, created)
      entry = created
    }
    const joined = entry
    joined.waiters++
    return new Promise<T>((resolve, reject) => {
      let settled = false
      const leave = (): void => {
        if (settled) return
        settled = true
        joined.waiters--
        if (joined.waiters === 0 && this.running.get(key) === joined) {
          this.running.delete(key)
          joined.controller.abort()
        }
        reject(abortError())
      }
      signal?.addEventListener('abort', leave, { once: true })
      joined.promise.then(
        (v) => { if (settled) return; settled = true; joined.waiters--; signal?.removeEventListener('abort', leave); resolve(v as T) },
        (e: unknown) => { if (settled) return; settled = true; joined.waiters--; signal?.removeEventListener('abort', leave); reject(e) },
      )
    })
  }

  /** How many distinct pieces of work are in flight (tests). */
  get size(): number { return this.running.size }
}

function abortError(): RiffleError {
  const e = new RiffleError('STOPPED', 'The request was cancelled: its connection closed.')
  e.name = 'AbortError'
  return e
}
