// A clicks recording where the number of keys is what is asked: N events over U users, two or more
// per user, one every millisecond, users visited in a fixed scrambled order. With U ≥ 0.2 M every user
// has a live session (state + a pending timer) for most of the run, so state grows with U: the
// recording behind the README's peak-RSS figures at 0.2 M and 2 M keys (gen-recording.mjs's users
// start over 6 hours, so 4 M of its events reach only ~0.4 M users).
//   node bench/gen-keys-recording.mjs --events 4000000 --users 2000000 --out bench/out/keys-4000000-2000000.jsonl
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'

const args = process.argv.slice(2)
const arg = (name, def) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def }
const events = Number(arg('--events', '400000'))
const users = Number(arg('--users', '200000'))
const out = arg('--out', `bench/out/keys-${events}-${users}.jsonl`)
const START = 1_700_000_000_000
// A step coprime with users scrambles the visiting order (deterministic, no randomness).
let step = 7_919
while (gcd(step, users) !== 1) step++

function gcd(a, b) { return b === 0 ? a : gcd(b, a % b) }

const file = createWriteStream(out)
const width = String(users - 1).length
let buf = ''
for (let i = 0; i < events; i++) {
  const u = (i * step) % users
  buf += `{"ts":${START + i},"user_id":"u${String(u).padStart(width, '0')}","type":"click","page":"/p/${i % 997}"}\n`
  if (buf.length > 1 << 20) { if (!file.write(buf)) await once(file, 'drain'); buf = '' }
}
file.write(buf)
file.end()
await once(file, 'close')
process.stderr.write(`gen-keys-recording: wrote ${events} events over ${users} users to ${out}\n`)
