// The editor's live syntax check of a Python job: Python's own compile() in a worker thread of its own (Pyodide
// loaded once, then each check takes milliseconds), never a session's worker, so a check neither waits behind a
// replay nor disturbs one. The worker is parked: it does not keep the process alive.
import type { SyntaxProblem } from '../common/contract'
import { RiffleError } from '../common/errors'
import { WorkerHost } from './worker-host'

export class PythonSyntaxChecker {
  private host: WorkerHost | null = null
  private nextId = 1
  private readonly pending = new Map<number, { resolve: (p: SyntaxProblem | null) => void; reject: (e: Error) => void }>()

  constructor(private readonly make: () => WorkerHost = () => new WorkerHost()) {}

  /** The source's SyntaxError (as Python reports it, at its line and column), or null when it compiles. */
  check(path: string, source: string): Promise<SyntaxProblem | null> {
    const host = this.worker()
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      try { host.send({ type: 'checkSyntax', id, path, source }) } catch (e) { this.pending.delete(id); reject(e as Error) }
    })
  }

  async dispose(): Promise<void> {
    const host = this.host
    this.host = null
    await host?.terminate()
  }

  private worker(): WorkerHost {
    if (this.host !== null) return this.host
    const host = this.host = this.make()
    host.park()
    host.onMessage((m) => {
      if (m.type !== 'syntaxChecked') return
      const p = this.pending.get(m.id)
      this.pending.delete(m.id)
      if (m.error) p?.reject(RiffleError.fromInfo(m.error))
      else p?.resolve(m.problem)
    })
    // A dead checker (it should not die: it runs no job) fails the checks under way; the next check starts another.
    host.onDeath((e) => {
      if (this.host === host) this.host = null
      for (const p of this.pending.values()) p.reject(RiffleError.fromInfo(e))
      this.pending.clear()
    })
    return host
  }
}
