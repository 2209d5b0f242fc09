// Browser mode's entry (out/main/browser-main.js; .riffle-build/browser-main.mjs for tests): the same DebuggerService as in Electron, served to a
// browser over 127.0.0.1 with a per-launch token. `npm start` runs it when Electron cannot start;
// `npm run dev` runs it with --dev-origin for the Vite dev server.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startBrowserServer } from './browser-server'
import { installCrashGuard } from './crash-guard'
import { createDebuggerService } from './create-service'
import { setSessionWorkerPath } from '../worker/worker-host'

installCrashGuard()
const here = dirname(fileURLToPath(import.meta.url))
// Built by electron-vite into out/main/, or by bin/riffle-build.mjs into .riffle-build/ (the tests' build).
const appRoot = dirname([join(here, '../../package.json'), join(here, '../package.json')].find((p) => existsSync(p)) ?? join(here, '../../package.json'))
const projectRoot = resolve(process.env.RIFFLE_PROJECT_ROOT ?? appRoot)
const args = process.argv.slice(2)
const devOrigin = args.includes('--dev-origin') ? args[args.indexOf('--dev-origin') + 1] : undefined
const portArg = args.includes('--port') ? Number(args[args.indexOf('--port') + 1]) : 0

const workerEntry = ['session-worker.js', 'session-worker.mjs'].map((name) => join(here, name)).find((p) => existsSync(p))
if (workerEntry !== undefined) setSessionWorkerPath(workerEntry)
const version = (JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version: string }).version
/** A positive integer from the environment, or undefined (the service's default). */
const envNumber = (name: string): number | undefined => {
  const n = Number(process.env[name])
  return Number.isSafeInteger(n) && n > 0 ? n : undefined
}
const service = createDebuggerService({
  mode: 'browser', version, projectRoot,
  workspace: resolve(process.env.RIFFLE_WORKSPACE ?? join(projectRoot, 'workspace')),
  // Tests shorten the reattach wait and give workers a small heap; users keep the defaults (30 s, V8's limit).
  reattachMs: envNumber('RIFFLE_REATTACH_MS'),
  workerHeapMb: envNumber('RIFFLE_WORKER_HEAP_MB'),
})
const server = await startBrowserServer({
  connect: () => service.connect(),
  staticDir: devOrigin ? undefined : join(appRoot, 'out/renderer'),
  allowedOrigins: devOrigin ? [devOrigin] : [],
  port: Number.isInteger(portArg) ? portArg : 0,
})

// One machine-readable line first (scripts and tests parse it), then the human one.
process.stdout.write(`RIFFLE_SERVER ${JSON.stringify({ url: server.url, port: server.port, token: server.token })}\n`)
if (!devOrigin) process.stdout.write(`Riffle is running in browser mode: open ${server.url}\n`)

// SIGINT/SIGTERM: stop the sessions and the server, then exit; whatever hangs, exit after 3 s, and at once on
// a second signal (a busy or wedged service must never make the process ignore being told to stop).
let stopping = false
const shutdown = (): void => {
  if (stopping) process.exit(1)
  stopping = true
  setTimeout(() => {
    console.error('Riffle: stopping took longer than 3 s; exiting now.')
    process.exit(0)
  }, 3_000)
  void Promise.allSettled([service.dispose(), server.close()]).then(() => process.exit(0))
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
