// CPU time of each thread of a child process (Linux /proc/PID/task/TID/stat), read until it exits: says how a
// `riffle run --parallelism N` spends two cores (the main thread's routing, each subtask, V8's own threads).
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'

/** True where per-thread CPU can be read. */
export const hasThreadCpu = existsSync('/proc/self/task')

/** User + system CPU seconds of one thread from its stat line (fields 14 and 15, counted after the name's ')'). */
export function statCpuSeconds(stat, ticksPerSecond = 100) {
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(f[11]) + Number(f[12])) / ticksPerSecond
}

/**
 * Runs `argv` under node and samples its threads every 20 ms; resolves to { main, busiest, rest } CPU seconds:
 * the main thread, the `busiest` count of other threads with the most CPU (a run's subtasks), and all other
 * threads together (V8's compiler and garbage-collector helpers, libuv's pool). A thread's last sample is kept,
 * so up to 20 ms of each is missed.
 */
export function threadCpu(argv, busiest) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d) => { stderr += d })
    const last = new Map()
    const sample = () => {
      let tids
      try { tids = readdirSync(`/proc/${child.pid}/task`) } catch { return }
      for (const tid of tids) {
        try { last.set(tid, statCpuSeconds(readFileSync(`/proc/${child.pid}/task/${tid}/stat`, 'utf8'))) } catch { /* ended between the two reads */ }
      }
    }
    const timer = setInterval(sample, 20)
    child.on('error', (e) => { clearInterval(timer); reject(e) })
    child.on('exit', (code) => {
      clearInterval(timer)
      if (code !== 0) { reject(new Error(`exit ${code}: ${stderr.trim().split('\n')[0] ?? ''}`)); return }
      const main = last.get(String(child.pid)) ?? 0
      const others = [...last].filter(([tid]) => tid !== String(child.pid)).map(([, cpu]) => cpu).sort((a, b) => b - a)
      resolve({ main, busiest: others.slice(0, busiest), rest: others.slice(busiest).reduce((a, b) => a + b, 0) })
    })
  })
}

/** "main thread 1.05 s, subtasks 3.17 + 3.07 s, other threads 1.00 s: 8.29 s of CPU" (`busiestName`: "subtasks"). */
export function describeThreadCpu({ main, busiest, rest }, busiestName = 'subtasks') {
  const total = main + busiest.reduce((a, b) => a + b, 0) + rest
  return `main thread ${main.toFixed(2)} s, ${busiestName} ${busiest.map((s) => s.toFixed(2)).join(' + ')} s, other threads (V8, libuv) ${rest.toFixed(2)} s: ${total.toFixed(2)} s of CPU`
}
