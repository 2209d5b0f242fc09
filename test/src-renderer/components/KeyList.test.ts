// The key list under a search: a search that matches no key said only "0 keys", as an empty run does, so a user who
// had typed in the box (or left text there) read the keys as gone. The list now says what it was searched for: "No
// key matches "zzz"" in the list and "0 keys match "zzz"" under it; without a search it reads as before.
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import type { KeyPageQuery } from '../../../src-main/common/views'
import KeyList from '../../../src-renderer/src/components/KeyList.vue'
import { setClient } from '../../../src-renderer/src/client'
import { useInspectorStore } from '../../../src-renderer/src/stores/inspector'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { fakeClient, status } from '../fake-client'

const KEYS = ['"u1"', '"u2"']

beforeEach(() => {
  setActivePinia(createPinia())
  setClient(fakeClient({
    'session.keys': (_id, q) => {
      const { search, offset } = q as KeyPageQuery
      const items = KEYS.filter((k) => !search || k.includes(search)).map((keyStr) => ({
        operatorId: 'op', key: keyStr.slice(1, -1), keyStr, keyGroup: 0, firstStep: 1, lastTouchedStep: 1, records: 1, stateEntries: 1, timers: 0,
      }))
      return { total: items.length, offset, items }
    },
    'session.keyState': () => null,
    'session.timers': () => ({ total: 0, offset: 0, items: [] }),
    'session.outputs': () => ({ total: 0, offset: 0, items: [] }),
    'session.outputTail': () => ({ total: 0, offset: 0, items: [], step: 0 }),
  }))
  const s = useSessionStore()
  s.sessionId = 's1'
  s.status = status(3)
})

describe('KeyList', () => {
  it('says which search matched no key, and how many keys a search matched', async () => {
    const ins = useInspectorStore()
    const w = mount(KeyList)
    await ins.refresh()
    await flushPromises()
    expect(w.find('.foot').text()).toBe('2 keys')
    expect(w.find('[data-testid=key-list-empty]').exists()).toBe(false)
    ins.search = 'u2'
    await ins.refresh()
    await flushPromises()
    expect(w.find('.foot').text()).toBe('1 key matches "u2"')
    ins.search = 'zzz'
    await ins.refresh()
    await flushPromises()
    expect(w.find('.foot').text()).toBe('0 keys match "zzz"')
    expect(w.find('[data-testid=key-list-empty]').text()).toBe('No key matches "zzz".')
    w.unmount()
  })

  // "50,000 keys at step 50,000 (catching up)" wrapped onto two lines in the 230 px pane at 1024 and 1440 px: the foot
  // says it shorter, and its whole text (with what "behind" means) is its tooltip, for whatever is still cut.
  it('while a run is further on, says the list is behind in a few words, the whole story in its tooltip', async () => {
    const ins = useInspectorStore()
    const s = useSessionStore()
    const w = mount(KeyList)
    await ins.refresh()
    await flushPromises()
    expect(w.find('.foot').attributes('title')).toBe('2 keys')
    ins.listStep = 3 // the list read at step 3, the run gone on to step 50,000
    s.phase = 'running'
    s.status = status(50_000)
    await flushPromises()
    expect(w.find('.foot').text()).toBe('2 keys at step 3 (behind)')
    expect(w.find('.foot').attributes('title')).toBe('2 keys at step 3: the run is at step 50,000. The list is read when the run pauses between chunks, and catches up as it goes.')
    w.unmount()
  })
})
