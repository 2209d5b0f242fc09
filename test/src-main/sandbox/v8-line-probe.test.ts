// Which lines of a TypeScript job run, from V8's debugger in this very thread (no pause, ever): the lines that
// can break, each run of a watched line told to its watchers only, a `debugger;` statement that does not hang
// the thread, and nothing told once the watch ends.
import { describe, expect, it } from 'vitest'
import { compileJob } from '../../../src-main/sandbox/compile-job'
import { loadJob } from '../../../src-main/sandbox/load-job'

const source = `export default function job(env: any) { return env }

export function classify(v: number): string {
  const big = v > 3 // PLAIN

  if (big) {
    debugger // DEBUGGER
    return 'big' // RETURN
  }
  const o = {
    v, // INSIDE
    kind: 'small',
  }
  return o.kind
}
`
const line = (marker: string): number => source.split('\n').findIndex((l) => l.includes(marker)) + 1

describe('V8LineProbe', () => {
  it('knows which lines can break: lines with a statement, not blank lines, nor the inside of an object literal', async () => {
    const { probe } = await loadClassify()
    const lines = probe.breakableLines()
    for (const m of ['// PLAIN', 'if (big)', '// DEBUGGER', '// RETURN', 'const o = {', 'return o.kind']) expect(lines).toContain(line(m))
    expect(lines).not.toContain(line('// INSIDE'))
    expect(lines).not.toContain(line('// PLAIN') + 1) // blank
  })

  it('tells each watcher the runs of its own lines, never pauses (not even at `debugger`), and stops when unwatched', async () => {
    const { classify, probe } = await loadClassify()
    const all: number[] = []
    const ret: number[] = []
    const offAll = probe.watch('all', (l) => all.push(l))
    const offRet = probe.watch(new Set([line('// RETURN')]), (l) => ret.push(l))
    expect(classify(1)).toBe('small')
    probe.nextStep()
    expect(classify(9)).toBe('big')
    expect(all).toEqual([line('// PLAIN'), line('if (big)'), line('const o = {'), line('return o.kind'),
      line('// PLAIN'), line('if (big)'), line('// DEBUGGER'), line('// RETURN')])
    expect(ret).toEqual([line('// RETURN')])
    offAll()
    all.length = 0
    probe.nextStep()
    expect(classify(9)).toBe('big')
    expect(all).toEqual([])
    expect(ret).toEqual([line('// RETURN'), line('// RETURN')])
    offRet()
    probe.nextStep()
    expect(classify(9)).toBe('big')
    expect(ret).toHaveLength(2)
  })

  it('tells a line in a loop once per step, quickly, and again after the next step begins', async () => {
    const { probe, sum } = await loadLoop()
    const told: number[] = []
    const off = probe.watch('all', (l) => told.push(l))
    // Each hit of a watched line costs V8 a condition's compilation (200 000 of them took minutes): the loop's
    // lines are parked after their second hit, so the conditions run a few times, not once an iteration.
    const g = globalThis as Record<string, unknown>
    const dispatch = g.__riffleLineRan as (...a: unknown[]) => unknown
    let evaluations = 0
    g.__riffleLineRan = (...a: unknown[]) => { evaluations++; return dispatch(...a) }
    try {
      expect(sum(200_000)).toBe(599_994)
    } finally {
      g.__riffleLineRan = dispatch
    }
    expect(evaluations).toBeLessThan(20)
    const once = [loopLine('let acc'), loopLine('for ('), loopLine('acc +='), loopLine('return acc')]
    expect(told).toEqual(once)
    told.length = 0
    expect(sum(3)).toBe(3)
    expect(told).toEqual([]) // the same step still: told already
    probe.nextStep()
    expect(sum(3)).toBe(3)
    expect(told).toEqual(once)
    told.length = 0
    off()
    // A new watch hears of every line again, parked or not.
    const again: number[] = []
    const off2 = probe.watch('all', (l) => again.push(l))
    expect(sum(3)).toBe(3)
    expect(again).toEqual(once)
    off2()
  })
})

const loopSource = `export default function job(env: any) { return sum }

export function sum(n: number): number {
  let acc = 0
  for (let i = 0; i < n; i++) {
    acc += i % 7
  }
  return acc
}
`
const loopLine = (marker: string): number => loopSource.split('\n').findIndex((l) => l.includes(marker)) + 1

async function loadLoop(): Promise<{ sum: (n: number) => number; probe: NonNullable<ReturnType<typeof loadJob>['lines']> }> {
  const job = await compileJob(`/tmp/riffle-v8-line-probe/loop${++loads}.ts`, loopSource)
  const loaded = loadJob(job)
  return { sum: (loaded.main as unknown as (env: null) => (n: number) => number)(null), probe: loaded.lines! }
}

let loads = 0
/** The job above, its default export handing out `classify` (loadJob keeps only the default export). */
async function loadClassify(): Promise<{ classify: (v: number) => string; probe: NonNullable<ReturnType<typeof loadJob>['lines']> }> {
  const job = await compileJob(`/tmp/riffle-v8-line-probe/job${++loads}.ts`, source.replace('return env }', 'return classify }'))
  const loaded = loadJob(job)
  return { classify: (loaded.main as unknown as (env: null) => (v: number) => string)(null), probe: loaded.lines! }
}
