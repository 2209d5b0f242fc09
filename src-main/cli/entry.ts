// Process entry of the command line build: runs main() and exits with its status.
import { main } from './main'

// The reader of standard error gone (`riffle run ... 2>&1 | head`): nothing is left to tell, and the run's own exit
// status stands (an unhandled EPIPE here made the process exit 1, which says the job threw).
process.stderr.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e
})

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code },
  (e) => {
    process.stderr.write(`riffle: INTERNAL: ${(e as Error)?.stack ?? String(e)}\n`)
    process.exitCode = 2
  },
)
