// A Python job's breakpoint expression that does not compile is refused with where and why, as a TypeScript
// one is (debugger/breakpoints.ts): an unfinished one says so, another names its column.
import { describe, expect, it } from 'vitest'
import { openInline } from '../../helpers/run-inline'

const JOB = `from pyflink.datastream.functions import KeyedProcessFunction

class Pass(KeyedProcessFunction):
    def process_element(self, value, ctx):
        yield value

def job(events):
    return events.key_by(lambda e: e["user"]).process(Pass())
`

describe("a Python job's breakpoint expression that does not compile", () => {
  it('ends unfinished, or names the column of its error', async () => {
    const s = await openInline(JOB, [{ user: 'a', kind: 'x' }], { jobName: 'job.py' })
    try {
      const st = await s.setBreakpoints([
        { id: 'unfinished', kind: 'event', expression: 'event["kind"] == "y" and' },
        { id: 'bad', kind: 'event', expression: 'event["kind"] === "y"' },
      ])
      expect(st[0]!.error).toBe('expression does not compile: it ends unfinished after "event[\\"kind\\"] == \\"y\\" and"')
      expect(st[1]!.error).toMatch(/^expression does not compile at column 17: invalid syntax/)
    } finally {
      await s.close()
    }
  }, 120_000)
})
