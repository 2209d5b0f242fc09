// node:util parseArgs's refusals said as one line of Riffle's own (docs/command-line.md: a bad argument prints
// one line naming it), for every command's parser: Node's span three lines ("... is ambiguous. Did you forget
// ... To specify ...") or end in an unbalanced quote (`as in '-- "--foo"`).
import { existsSync } from 'node:fs'
import { nearestOption } from './did-you-mean'

/** The message for a parseArgs error `e` over `args` with these `known` long option names (without "--"). */
export function parseArgsMessage(e: unknown, args: string[], known: string[]): string {
  const err = e as { code?: string; message?: string }
  const message = String(err.message ?? e)
  const option = /'(-{1,2}[^' =]+)/.exec(message)?.[1]
  if (option === undefined) return message.split('\n')[0]
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const near = option.startsWith('--') ? nearestOption(option.slice(2), known) : null
    // A file named -x.jsonl reads as options (-x, ...): say it is the file, and how to give one.
    const file = args.find((a) => a.startsWith(option) && a !== option && existsSync(a)) ?? (existsSync(option) ? option : undefined)
    if (file !== undefined) return `unknown option ${option}: "${file}" is a file here; to give it, put -- before it or write ./${file}`
    return `unknown option ${option}${near !== null ? ` (did you mean --${near}?)` : ''}`
  }
  if (/ambiguous/.test(message)) {
    const next = args[args.indexOf(option) + 1]
    if (next !== undefined) return `${option} needs a value, and "${next}" reads as an option: write ${option}=${next} if it is the value`
  }
  if (/argument missing/.test(message)) return `${option} needs a value`
  if (/does not take an argument/.test(message)) {
    const given = args.find((a) => a.startsWith(`${option}=`))
    return `${option} takes no value${given !== undefined ? `, got "${given.slice(option.length + 1)}"` : ''}`
  }
  return message.split('\n')[0]
}
