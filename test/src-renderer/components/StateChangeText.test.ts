// A state change as text: an expired entry TTL removed says so, with when it expired, rather than reading as the
// job's own clear (another key's last_seen "→ (absent)" in the lineage of an output).
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import StateChangeText from '../../../src-renderer/src/components/StateChangeText.vue'

beforeEach(() => { setActivePinia(createPinia()) })

describe('StateChangeText', () => {
  it('says an entry TTL removed expired then and was removed by TTL cleanup', () => {
    const w = mount(StateChangeText, { props: { change: { before: 1708849260000, after: undefined, ttlExpired: { expiresAt: 1708850460000 } } } })
    expect(w.text()).toMatch(/→\s*\(absent\)\s*· expired at 1708850460000 \(2024-02-25T08:41:00\.000Z\), removed by TTL cleanup$/)
  })

  it('says nothing of TTL for the job\'s own clear', () => {
    const w = mount(StateChangeText, { props: { change: { before: 3, after: undefined } } })
    expect(w.find('[data-testid=ttl-expired]').exists()).toBe(false)
    expect(w.text()).toMatch(/→\s*\(absent\)$/)
  })
})
