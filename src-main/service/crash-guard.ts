// Keeps the service process alive through a promise rejection nobody handled: Node's default ends the process,
// and with it every session of every window. Installed first thing by both entries (browser mode, Electron main).
// The rejection is logged with its stack; the code that dropped it is the bug, the process is not the victim.

let installed = false

/** Logs unhandled rejections instead of exiting; idempotent. */
export function installCrashGuard(log: (message: string, reason: unknown) => void = defaultLog): void {
  if (installed) return
  installed = true
  process.on('unhandledRejection', (reason) => log('Riffle: an unhandled promise rejection (the service keeps running):', reason))
}

function defaultLog(message: string, reason: unknown): void {
  try { console.error(message, reason) } catch { /* a closed stderr must not turn a log line into a crash */ }
}
