// How the stores follow one another: a selected key belongs to its session, so a new start (another job,
// another recording) starts with nothing selected.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { setClient } from '../../../src-renderer/src/client'
import { connectStores } from '../../../src-renderer/src/stores/connect-stores'
import { useInspectorStore } from '../../../src-renderer/src/stores/inspector'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { fakeClient } from '../fake-client'

beforeEach(() => {
  setActivePinia(createPinia())
  setClient(fakeClient({
    'session.keys': () => ({ total: 0, offset: 0, items: [] }),
    'session.timers': () => ({ total: 0, offset: 0, items: [] }),
    'session.outputs': () => ({ total: 0, offset: 0, items: [] }),
    'session.keyState': () => null,
  }))
})

describe('connectStores', () => {
  it('clears the selected key when a new session starts', async () => {
    connectStores()
    const session = useSessionStore()
    const ins = useInspectorStore()
    session.sessionId = 's1'
    session.phase = 'ready'
    await nextTick()
    ins.selected = { operatorId: 'op', keyStr: '"u1"' }
    session.phase = 'starting'
    await nextTick()
    expect(ins.selected).toBeNull()
    ins.selected = { operatorId: 'op', keyStr: '"u1"' }
    session.sessionId = 's2'
    await nextTick()
    expect(ins.selected).toBeNull()
  })
})
