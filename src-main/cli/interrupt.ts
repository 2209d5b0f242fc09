// Ctrl-C (SIGINT), SIGTERM and SIGHUP (the terminal closed) while a command runs: the run is stopped the way any failure stops it, so the
// output it emitted is kept (OUT.partial), its workers' temporary folders and a pipe's copy are removed, and
// the command says so and exits 130 / 143 / 129 as a shell expects. A second signal, or one while nothing is
// running that can be stopped, exits at once (what is left behind is swept by the next run).
import { constants } from 'node:os'

type Stop = (reason: string) => void

const stoppers = new Set<Stop>()
let received: NodeJS.Signals | null = null
let installed = 0

// SIGHUP too: an ssh session that drops or a terminal window closed under a run killed it where it stood, leaving
// the output's temporary file instead of OUT.partial, and the worker's folder with its LevelDB state.
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']

/** A shell's exit status for a command a signal ended. */
const statusOf = (sig: NodeJS.Signals): number => 128 + constants.signals[sig]

/**
 * Dies of the signal, as a Unix tool does when it has nothing to clean up (the shell sees 128 + its number). Not
 * process.exit: it joins libuv's thread pool, and a thread there may be opening a named pipe whose other end never
 * comes (`--expect FIFO`, a recording FIFO with no writer yet), so exit waited for ever.
 */
function quitAtOnce(sig: NodeJS.Signals): void {
  // With no listener left, Node gives the signal back its default action: terminating the process.
  for (const s of SIGNALS) process.off(s, onSignal)
  process.kill(process.pid, sig)
}

function onSignal(sig: NodeJS.Signals): void {
  if (received !== null || stoppers.size === 0) return quitAtOnce(sig)
  received = sig
  process.stderr.write(`\nriffle: ${sig}: stopping the run (again to quit at once)\n`)
  for (const stop of [...stoppers]) stop(`interrupted (${sig})`)
}

/** Handles the signals until the returned function is called (for the length of one command). */
export function handleInterrupts(): () => void {
  if (installed++ === 0) for (const s of SIGNALS) process.on(s, onSignal)
  return () => {
    if (--installed === 0) for (const s of SIGNALS) process.off(s, onSignal)
  }
}

/** Something a signal stops (a run's worker, the copy of a pipe), until the returned function is called. */
export function stopOnInterrupt(stop: Stop): () => void {
  if (received !== null) stop(`interrupted (${received})`)
  stoppers.add(stop)
  return () => { stoppers.delete(stop) }
}

/** The exit status for a command a signal stopped (130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP), or null. */
export function interruptStatus(): number | null {
  return received === null ? null : statusOf(received)
}

/**
 * After a command a SIGHUP stopped: dies of the signal as the process exits (its workers gone, their folders removed)
 * rather than exiting. Its terminal is gone, and Node's own exit resets the terminal's modes and aborts when it cannot
 * (SIGABRT and a native stack, not 129).
 */
export function endHungUp(): void {
  if (received === 'SIGHUP') process.once('exit', () => { if (installed === 0) process.kill(process.pid, 'SIGHUP') })
}
