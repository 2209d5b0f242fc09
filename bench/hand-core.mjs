// The hand-written loop on pre-parsed in-memory events: the ceiling for the engine core figure.
import { handSessionize, readJsonl } from './hand-loop.mjs'

const events = [...readJsonl(process.argv[2])]
let sessions = 0
const t0 = performance.now()
const c0 = process.cpuUsage()
handSessionize(events, () => { sessions++ })
const millis = performance.now() - t0
const cpu = process.cpuUsage(c0)
const cpuMillis = (cpu.user + cpu.system) / 1000
process.stdout.write(JSON.stringify({ events: events.length, sessions, millis, cpuMillis, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n')
