// Process entry of the command line build: runs main() and exits with its status.
import { main } from './main'
import { endHungUp } from './interrupt'
import { exitWith, watchStandardStreams } from './standard-streams'

watchStandardStreams()

main(process.argv.slice(2)).then(
  (code) => {
    exitWith(code)
    endHungUp()
  },
  (e) => {
    process.stderr.write(`riffle: INTERNAL: ${(e as Error)?.stack ?? String(e)}\n`)
    process.exitCode = 2
  },
)
