// What the command does when its own writes to standard output or error fail (help, --version, riffle test's verdict,
// the summary, the job's console lines; --out has its own errors, output-file.ts), and the exit status that follows.
import { errnoReason } from '../common/errno-reason'
import { exitStatus } from './exit-status'

let outputIncomplete = false
let status: number | null = null

/** From now on a failed write to standard output or error is handled here (it threw from the stream's 'error' event). */
export function watchStandardStreams(): void {
  for (const stream of [process.stderr, process.stdout]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      // Nothing is written there any more: Node does not close a standard stream that failed, so each later write
      // tried again and failed again, building an error and its stack trace (a job printing a line a record ran 4-5
      // times slower with its reader gone).
      stream.write = (() => true) as typeof stream.write
      // The reader went away (`riffle run ... 2>&1 | head`, `riffle test ... | head`), or the terminal: nothing is left
      // to tell there, and the command's own exit status stands.
      if (e.code === 'EPIPE' || e.code === 'EIO') return
      // A full disk or device under standard output: what was asked for is incomplete, said where it can be. Standard
      // error that fails changes nothing the user asked for (the run's status stands).
      if (stream !== process.stdout) return
      outputIncomplete = true
      process.stderr.write(`riffle: OUTPUT_WRITE_FAILED: writing standard output failed: ${errnoReason(e)}\n`)
      settle()
    })
  }
}

/** The command ended with `code`: the process exits with it, or with OUTPUT_WRITE_FAILED's when it was 0 but standard output failed. */
export function exitWith(code: number): void {
  status = code
  settle()
}

function settle(): void {
  if (status !== null) process.exitCode = status === 0 && outputIncomplete ? exitStatus('OUTPUT_WRITE_FAILED') : status
}
