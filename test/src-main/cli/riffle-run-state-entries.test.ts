// `npx riffle run`'s summary for a developer asking whether state grows: "keys" counts every key the run has seen
// (3,656 on dedup-ttl.ts, whose TTL forgets ids after an hour), so the summary also says how many state entries are
// stored at the end, on both backends, and that keys are the keys seen.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildRiffleOnce, riffle, ROOT } from '../helpers/riffle-cli'

buildRiffleOnce()

const stored = (stderr: string): number => Number((/\n {2}state entries: +(\d+) /.exec(stderr) ?? [])[1])

describe('riffle run: state entries in the summary', () => {
  it.each(['heap', 'leveldb'])('on %s, a TTL job shows the keys seen and the far fewer entries still stored', (backend) => {
    const r = riffle('run', join(ROOT, 'examples/dedup-ttl.ts'), join(ROOT, 'recordings/payments.jsonl'), '--backend', backend)
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/\n {2}keys seen: +3656\n/)
    const n = stored(r.stderr)
    expect(n).toBeGreaterThan(0)
    expect(n).toBeLessThan(1000)
    expect(r.stderr).toMatch(/state entries: +\d+ \(stored at the end: one per key and state/)
  })

  it('a job without TTL or clear() holds one entry per key at the end', () => {
    const r = riffle('run', join(ROOT, 'examples/running-count.ts'), join(ROOT, 'recordings/clicks-small.jsonl'))
    const keys = Number((/keys seen: +(\d+)\n/.exec(r.stderr) ?? [])[1])
    expect(keys).toBeGreaterThan(0)
    expect(stored(r.stderr)).toBe(keys)
  })
})
