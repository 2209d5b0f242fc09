// Compare after time travel: a comparison made at step 60 stayed on screen after a seek to step 25, under a header
// counting step 25's outputs ("this run: 2 outputs so far"). The comparison shown is now always of the step the
// session stands at: made again at each stop while one is shown, and it says which step it is of.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type EffectScope, nextTick } from 'vue'
import type { SeekResult } from '../../../src-main/common/debug-api'
import type { OutputView } from '../../../src-main/common/views'
import { useInsightsStore } from '../../../src-renderer/src/stores/insights'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { connectedStores } from '../connected-stores'
import { status, type FakeClient } from '../fake-client'

let client: FakeClient
let scope: EffectScope
let at = 0
const settle = async (): Promise<void> => { for (let i = 0; i < 10; i++) { await new Promise((r) => setTimeout(r, 1)); await nextTick() } }
const output = (seq: number): OutputView =>
  ({ seq, step: seq + 1, operatorId: 'op', operatorName: 'p', tag: null, value: { n: seq }, timestamp: null, key: 'u1', keyStr: '"u1"', isJobOutput: true })
const seekTo = (step: number): SeekResult => ({ status: status(step), last: null, millis: 1, fromSnapshot: 0 })

beforeEach(() => {
  localStorage.clear()
  at = 0
  let sessions = 0
  ;({ client, scope } = connectedStores({
    'session.start': () => ({ sessionId: 's' + ++sessions, status: status(0), operators: [] }),
    'session.close': (id) => ({ runId: id, outputs: 9 }),
    'session.step': () => { at = 60; return { steps: [], taken: 60, status: status(60, { finished: true }) } },
    'session.seek': (_id, step) => { at = step as number; return seekTo(at) },
    // The service pairs the outputs up to where the session stands: 6 of them at step 60, 2 at step 25.
    'session.compareOutputs': () => ({ added: [], removed: [output(0)], changed: [], unchanged: at === 60 ? 6 : 2 }),
    'session.trace': () => { throw new Error('no trace here') },
    'session.findings': () => ({ enabled: true, findings: [], throughStep: at }),
  }))
})
afterEach(() => scope.stop())

describe('a comparison shown while the session moves', () => {
  it('is made again at the step a seek reaches, and says which step it is of', async () => {
    const s = useSessionStore()
    await s.start()
    await s.restart()
    await s.run(true)
    const insights = useInsightsStore()
    await insights.compare()
    expect(insights.comparison?.unchanged).toBe(6)
    expect(insights.comparedStep).toBe(60)
    await s.seek(25)
    await settle()
    expect(insights.comparison?.unchanged).toBe(2)
    expect(insights.comparedStep).toBe(25)
  })

  it('is not asked for when none is shown', async () => {
    const s = useSessionStore()
    await s.start()
    await s.restart()
    await s.seek(25)
    await settle()
    expect(client.calls.filter((c) => c.name === 'session.compareOutputs')).toEqual([])
  })
})
