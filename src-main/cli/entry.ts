// Process entry of the command line build: runs main() and exits with its status.
import { main } from './main'

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code },
  (e) => {
    process.stderr.write(`riffle: INTERNAL: ${(e as Error)?.stack ?? String(e)}\n`)
    process.exitCode = 2
  },
)
