// A MapState's name in a TypeScript job's watch, condition or logpoint reads as a read-only JavaScript Map (size,
// get, has, keys, values, entries, iteration), as `this.pages.get(k)` reads it in the job: it was a plain object
// ({"/p/1":3}), so `pages.size` gave NaN, `[...pages.keys()]` threw, and a number key 9 and a string key "9" were one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WatchValue } from '../../../src-main/common/debug-api'
import type { DebugSession } from '../../../src-main/debugger/debug-session'
import { openInline, RIFFLE } from '../helpers/run-inline'

const JOB = `${RIFFLE}
class Pages extends KeyedProcessFunction<string, { u: string; p: string }, string> {
  pages!: any
  nums!: any
  open(ctx: any) {
    this.pages = ctx.getMapState(new MapStateDescriptor('pages', Types.STRING, Types.LONG))
    this.nums = ctx.getMapState(new MapStateDescriptor('nums'))
  }
  processElement(e: { u: string; p: string }, ctx: any, out: any) {
    this.pages.put(e.p, (this.pages.get(e.p) ?? 0) + 1)
    this.nums.put(9, 'number')
    this.nums.put('9', 'string')
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.u).process(new Pages()).name('pages')
`
const EVENTS = [{ u: 'a', p: '/p/1' }, { u: 'a', p: '/p/1' }, { u: 'a', p: '/p/2' }]
const shown = (w: WatchValue): unknown => ('value' in w ? w.value : w.text ?? w.error)

let s: DebugSession
let op: string
beforeAll(async () => {
  s = await openInline(JOB, EVENTS)
  op = (await s.operators()).find((o) => o.keyed)!.id
  await s.step({ kind: 'end' })
})
afterAll(async () => { await s.close() })

describe('a map state in a TypeScript expression', () => {
  it('reads as a Map: size, get, has, keys, values, entries, iteration', async () => {
    expect((await s.watch(op, '"a"', [
      'pages.size', 'pages.get("/p/1")', 'pages.has("/p/2")', 'pages.has("/p/3")', '[...pages.keys()]', '[...pages.values()]',
      '[...pages.entries()]', '[...pages].length', 'pages instanceof Map',
    ])).map(shown)).toEqual([2, 2, true, false, ['/p/1', '/p/2'], [2, 1], [['/p/1', 2], ['/p/2', 1]], 2, true])
  })

  it('is shown in the watch as a Map', async () => {
    expect((await s.watch(op, '"a"', ['pages'])).map(shown)).toEqual(["Map(2) { '/p/1' => 2, '/p/2' => 1 }"])
  })

  it('tells a number key 9 from a string key "9"', async () => {
    expect((await s.watch(op, '"a"', ['nums.size', 'nums.get(9)', 'nums.get("9")'])).map(shown)).toEqual([2, 'number', 'string'])
  })

  it('cannot change the state: set, delete and clear throw, and the state stays', async () => {
    const r = await s.watch(op, '"a"', ['pages.set("/p/9", 1)', 'pages.delete("/p/1")', 'pages.clear()'])
    for (const w of r) expect(w.error).toMatch(/only reads/)
    expect((await s.watch(op, '"a"', ['pages.size']))[0]!.value).toBe(2)
  })

  it('reads so in a breakpoint condition and a logpoint', async () => {
    const b = await openInline(JOB, EVENTS)
    try {
      await b.setBreakpoints([{ id: 'm', kind: 'state', expression: 'pages.size === 2 && pages.has("/p/2")', log: '`${pages.get("/p/1")} ${nums.get(9)}`' }])
      await b.step({ kind: 'end' })
      expect((await b.logpointHits('m')).map((h) => h.value)).toEqual(['2 number'])
    } finally {
      await b.close()
    }
  })
})
