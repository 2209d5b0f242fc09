// Where a run's time goes, from a V8 .cpuprofile (node --cpu-prof): the functions with the most self
// time, as shares of the busy (non-idle) samples. Used by the goal table to explain a goal not met.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Self time by function ("name file:line"), in ms, and the busy total, of one profile. */
export function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map()
  let busy = 0
  for (let i = 0; i < profile.samples.length; i++) {
    const n = byId.get(profile.samples[i])
    const dt = (profile.timeDeltas[i] ?? 0) / 1000
    const fn = n.callFrame.functionName || '(anonymous)'
    if (fn === '(idle)' || fn === '(program)') continue
    const file = n.callFrame.url.split('/').pop()
    const name = file ? `${fn} (${file})` : fn
    self.set(name, (self.get(name) ?? 0) + dt)
    busy += dt
  }
  return { self, busy }
}

/**
 * The busiest profile of a directory (a `riffle run` writes one per thread: the job runs in a worker) as
 * one line: its top functions by self time with their shares.
 */
export function summarizeProfiles(dir, top = 8) {
  let best = null
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.cpuprofile')) continue
    const s = selfTimes(JSON.parse(readFileSync(join(dir, f), 'utf8')))
    if (best === null || s.busy > best.busy) best = s
  }
  if (best === null || best.busy === 0) return 'no profile was written'
  const parts = [...best.self].sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([name, ms]) => `${name} ${(ms / best.busy * 100).toFixed(0)} %`)
  return `busiest thread ${(best.busy / 1000).toFixed(1)} s busy; self time: ${parts.join(', ')}`
}

/** Every thread's profile of a directory, busiest first, each as `busy s: top functions with their shares`. */
export function summarizeEachProfile(dir, top = 6) {
  const all = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => selfTimes(JSON.parse(readFileSync(join(dir, f), 'utf8'))))
    .filter((s) => s.busy > 0)
    .sort((a, b) => b.busy - a.busy)
  if (all.length === 0) return 'no profile was written'
  return all.map((s, i) => `thread ${i + 1} of ${all.length}, ${(s.busy / 1000).toFixed(1)} s busy: ` +
    [...s.self].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, ms]) => `${name} ${(ms / s.busy * 100).toFixed(0)} %`).join(', ')).join('; ')
}
