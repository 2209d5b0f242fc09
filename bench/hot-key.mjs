// The hot-key figures of `npm run bench` (called by bench/run.mjs): one key with N events, each
// registering an event-time timer that stays pending to the end of input (bench/timer-per-event.ts),
// against the same N events spread over N / 2 cold keys, through `npx riffle run` on both backends.
// A key's timers are indexed by timestamp, so the hot key must run within 2× the per-event rate of the
// cold keys (before the index, registering 200 k timers on one LevelDB key took 92 s).
//
//   node bench/hot-key.mjs [--events N]   standalone (default 200 000)
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const fmt = (n) => Math.round(n).toLocaleString('en-US')

/** N events one millisecond apart, on one key ('hot') or on N / 2 keys (two events each, far apart). */
function writeRecording(path, events, hot) {
  if (existsSync(path)) return
  const lines = new Array(events)
  const keys = Math.max(1, events >> 1)
  for (let i = 0; i < events; i++) lines[i] = `{"ts":${1_000_000 + i},"k":"${hot ? 'hot' : `k${i % keys}`}"}`
  writeFileSync(path, `${lines.join('\n')}\n`)
}

function runCli(root, recording, backend) {
  const r = spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), 'run', join(here, 'timer-per-event.ts'), recording, '--backend', backend, '--out', '/dev/null'], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`riffle run ${backend} ${recording} failed:\n${r.stderr}`)
  const num = (label) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(r.stderr)?.[1])
  return { events: num('records in'), millis: Number(/done in ([\d.]+) s/.exec(r.stderr)?.[1]) * 1000, peakRssMb: num('peak memory') }
}

export async function runHotKeyBench({ root, events = 200_000, log = (s) => process.stderr.write(`${s}\n`) }) {
  const outDir = join(root, 'bench/out')
  mkdirSync(outDir, { recursive: true })
  const hot = join(outDir, `hot-key-${events}.jsonl`)
  const cold = join(outDir, `cold-keys-${events}.jsonl`)
  writeRecording(hot, events, true)
  writeRecording(cold, events, false)
  const rows = []
  for (const backend of ['heap', 'leveldb']) {
    log(`hot key: ${backend}, ${fmt(events)} events on one key, and on ${fmt(events / 2)} keys…`)
    const h = runCli(root, hot, backend)
    const c = runCli(root, cold, backend)
    rows.push({ backend, hot: h, cold: c })
  }
  const rate = (r) => r.events / (r.millis / 1000)
  console.log(`\nHot key: ${fmt(events)} events, each registering an event-time timer that stays pending to the end of input`)
  console.log('(bench/timer-per-event.ts), on one key and on cold keys (two events each), through `npx riffle run`\n')
  console.log('| backend | one hot key: events/s | cold keys: events/s | hot / cold | peak RSS hot / cold |')
  console.log('|---|---:|---:|---:|---:|')
  for (const { backend, hot: h, cold: c } of rows) {
    const ratio = rate(h) / rate(c)
    console.log(`| ${backend} | ${fmt(rate(h))} | ${fmt(rate(c))} | ${(ratio * 100).toFixed(0)} %${ratio < 0.5 ? ' (goal ≥ 50 %: MISSED)' : ''} | ${h.peakRssMb} / ${c.peakRssMb} MB |`)
  }
  return rows
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]
if (isMain) {
  const args = process.argv.slice(2)
  const i = args.indexOf('--events')
  await runHotKeyBench({ root: join(here, '..'), events: i >= 0 ? Number(args[i + 1]) : 200_000 })
}
