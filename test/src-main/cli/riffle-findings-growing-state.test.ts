// "State that grows forever" (API.md "Findings") says the same step on the command line and in the app: the step
// where the state passed 10,000 keys, whenever the findings are read. Spawned `node bin/riffle.mjs run` of the
// repository's running count, against a debug session (the app's engine) that reads Problems midway, as a user who
// goes to step 12,000, opens Problems and runs to the end does.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DebugSession } from '../../../src-main/debugger/debug-session'

const root = join(__dirname, '../../..')
const dir = mkdtempSync(join(tmpdir(), 'riffle-growing-'))
const recording = join(dir, 'many-keys.jsonl')
// Two clicks per user, 20,000 users: the 10,001st user (the one that takes "count" past 10,000 keys) clicks at step 20,001.
const PAST_AT = 20_001
beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'bin/riffle-build.mjs')], { cwd: root, stdio: 'pipe' })
  const lines = Array.from({ length: 40_000 }, (_, i) => JSON.stringify({ ts: 1708848000000 + i, user_id: `u${Math.floor(i / 2)}`, type: 'view' }))
  writeFileSync(recording, `${lines.join('\n')}\n`)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('state that grows forever', () => {
  it('is first at the step it passed 10,000 keys, the same on the command line as in the app after a Go to step', async () => {
    const r = spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), 'run', 'examples/running-count.ts', recording],
      { cwd: root, encoding: 'utf8', timeout: 120_000 })
    expect(r.status).toBe(0)
    const line = r.stderr.split('\n').find((l) => l.includes('grows forever'))
    // The count is said once, in the message; the brackets say only the step.
    expect(line).toBe(`  hint     examples/running-count.ts:13  state "count" is never cleared and has no TTL, and 20,000 keys hold it: it grows forever (consider TTL)  (first at step ${PAST_AT})`)

    const s = await DebugSession.open({
      jobPath: join(root, 'examples/running-count.ts'), recordingPath: recording,
      backend: 'heap', processingTime: 'follow', drainProcessingTimers: false, skipBadLines: false,
    })
    try {
      await s.seek(24_000)
      const midway = (await s.findings()).findings.filter((f) => f.kind === 'stateGrowsForever')
      expect(midway.map((f) => [f.count, f.firstStep])).toEqual([[12_000, PAST_AT]])
      await s.step({ kind: 'end' })
      const atEnd = (await s.findings()).findings.filter((f) => f.kind === 'stateGrowsForever')
      expect(atEnd.map((f) => [f.line, f.count, f.firstStep])).toEqual([[13, 20_000, PAST_AT]])
    } finally { await s.close() }
  }, 180_000)
})
