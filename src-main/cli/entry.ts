// Process entry of the command line build: runs main() and exits with its status.
import { main } from './main'
import { endHungUp } from './interrupt'

// The reader of standard error or output gone (`riffle run ... 2>&1 | head`, `riffle test ... | head`): nothing is
// left to tell there, and the command's own exit status stands (an unhandled EPIPE made the process print a stack
// trace and exit 1, which says the job threw). What writes the job's output or a trace says it itself (exit 3).
for (const stream of [process.stderr, process.stdout]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE' && e.code !== 'EIO') throw e
    // Nothing is written there any more: Node does not close a standard stream that failed, so each later write tried
    // again and failed again, building an error and its stack trace (a job printing a line a record ran 4-5 times slower).
    stream.write = (() => true) as typeof stream.write
  })
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
    endHungUp()
  },
  (e) => {
    process.stderr.write(`riffle: INTERNAL: ${(e as Error)?.stack ?? String(e)}\n`)
    process.exitCode = 2
  },
)
