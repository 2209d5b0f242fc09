// The Watch list's store: expressions kept per job file, evaluated for the selected key ("select a key" without one),
// and one the watchdog stopped (named by the session, or found by asking again one at a time) not sent again until it
// is edited or added again; one evaluation out at a time, so a list asked meanwhile leaves out what it stopped.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { RiffleError } from '../../../src-main/common/errors'
import type { WatchValue } from '../../../src-main/common/debug-api'
import { setClient } from '../../../src-renderer/src/client'
import { useInspectorStore } from '../../../src-renderer/src/stores/inspector'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { useWatchesStore } from '../../../src-renderer/src/stores/watches'
import { fakeClient, type FakeClient } from '../fake-client'

let client: FakeClient
const LOOP = 'while (true) {}'

beforeEach(() => {
  localStorage.clear()
  setActivePinia(createPinia())
  client = fakeClient({
    'session.watch': (_id, _op, _key, list) => {
      const l = list as string[]
      if (l.includes(LOOP)) throw new RiffleError('JOB_TIMEOUT', 'a watch expression did not return within 500 ms (an endless loop?): it was stopped, and the session is back at step 1')
      return l.map((expression): WatchValue => ({ expression, value: expression.length }))
    },
  })
  setClient(client)
  useSessionStore().sessionId = 's1'
})

const watchCalls = (): string[][] => client.calls.filter((c) => c.name === 'session.watch').map((c) => c.args[3] as string[])

describe('watches store', () => {
  it('says "select a key" without a key, and asks for the selected key when there is one', async () => {
    const w = useWatchesStore()
    w.useJob('/w/job.ts')
    w.add('count')
    expect(w.shown('count')).toEqual({ kind: 'idle', text: 'select a key' })
    useInspectorStore().selected = { operatorId: 'op', keyStr: '"a"' }
    await w.evaluate()
    expect(w.shown('count')).toEqual({ kind: 'value', value: { expression: 'count', value: 5 } })
    expect(client.calls.at(-1)!.args).toEqual(['s1', 'op', '"a"', ['count']])
  })

  it('keeps each job file its own list', () => {
    const w = useWatchesStore()
    w.useJob('/w/a.ts')
    w.add('x')
    w.add('  ')
    w.useJob('/w/b.py')
    expect(w.expressions).toEqual([])
    w.add('y')
    w.useJob('/w/a.ts')
    expect(w.expressions).toEqual(['x'])
  })

  it('finds the watch the watchdog stopped, keeps it from being sent again, and tries it again once edited', async () => {
    const w = useWatchesStore()
    useInspectorStore().selected = { operatorId: 'op', keyStr: '"a"' }
    w.useJob('/w/job.ts')
    w.expressions = ['count', LOOP, 'step']
    client.calls.length = 0
    await w.evaluate()
    expect(watchCalls()).toEqual([['count', LOOP, 'step'], ['count'], [LOOP], ['step']])
    expect(w.shown('count')).toMatchObject({ kind: 'value' })
    expect(w.shown('step')).toMatchObject({ kind: 'value' })
    expect(w.shown(LOOP)).toEqual({ kind: 'error', text: expect.stringContaining('did not return within 500 ms') })
    client.calls.length = 0
    await w.evaluate()
    expect(watchCalls()).toEqual([['count', 'step']])
    client.answers['session.watch'] = (_id, _op, _key, list) => (list as string[]).map((expression) => ({ expression, value: 1 }))
    w.edit(1, 'count + 1')
    await w.evaluate()
    expect(watchCalls().at(-1)).toEqual(['count', 'count + 1', 'step'])
  })

  it('takes the watch the session says it stopped from the answer, and tries it again once added again', async () => {
    const STOPPED = 'a watch expression did not return within 500 ms (an endless loop?): it was stopped, and the session is back at step 1'
    client.answers['session.watch'] = (_id, _op, _key, list) => (list as string[]).map((expression): WatchValue =>
      expression === LOOP ? { expression, error: STOPPED, stopped: true } : { expression, value: 1 })
    const w = useWatchesStore()
    useInspectorStore().selected = { operatorId: 'op', keyStr: '"a"' }
    w.useJob('/w/job.ts')
    w.expressions = ['count', LOOP]
    client.calls.length = 0
    await w.evaluate()
    expect(watchCalls()).toEqual([['count', LOOP]])
    expect(w.shown(LOOP)).toEqual({ kind: 'error', text: `never returned: stopped; edit it to try again (${STOPPED})` })
    expect(w.shown('count')).toMatchObject({ kind: 'value' })
    await w.evaluate()
    expect(watchCalls().at(-1)).toEqual(['count'])
    w.remove(1)
    w.add(LOOP)
    await w.evaluate()
    expect(watchCalls().at(-1)).toEqual(['count', LOOP])
  })

  it('asks a list asked while the previous one is out once that one is answered, without the watch it stopped', async () => {
    let answerFirst: () => void = () => {}
    const first = new Promise<void>((ok) => { answerFirst = ok })
    client.answers['session.watch'] = async (_id, _op, _key, list) => {
      const l = list as string[]
      if (l.includes(LOOP)) await first
      return l.map((expression): WatchValue => expression === LOOP ? { expression, error: 'stopped', stopped: true } : { expression, value: 1 })
    }
    const w = useWatchesStore()
    useInspectorStore().selected = { operatorId: 'op', keyStr: '"a"' }
    w.useJob('/w/job.ts')
    w.expressions = ['count', LOOP]
    client.calls.length = 0
    const out = w.evaluate()
    await new Promise((ok) => setTimeout(ok, 0))
    expect(watchCalls()).toEqual([['count', LOOP]]) // sent, and with the watchdog
    const next = w.evaluate() // a step's
    await new Promise((ok) => setTimeout(ok, 0))
    expect(watchCalls()).toEqual([['count', LOOP]]) // waits for the first's answer
    answerFirst()
    await out
    await next
    expect(watchCalls()).toEqual([['count', LOOP], ['count']])
    expect(w.shown(LOOP)).toMatchObject({ kind: 'error' })
  })
})
