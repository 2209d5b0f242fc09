// The Watch list by keyboard, as VS Code's WATCH view: the focus stays in the list when an edit ends (Enter or
// Escape) and when a row is removed, instead of falling to the page (where the next key press reached nothing).
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import type { WatchValue } from '../../../src-main/common/debug-api'
import WatchPanel from '../../../src-renderer/src/components/WatchPanel.vue'
import { setClient } from '../../../src-renderer/src/client'
import { useWatchesStore } from '../../../src-renderer/src/stores/watches'
import { fakeClient } from '../fake-client'

beforeEach(() => {
  localStorage.clear()
  document.body.innerHTML = ''
  setActivePinia(createPinia())
  setClient(fakeClient({ 'session.watch': (_id, _op, _key, list) => (list as string[]).map((expression): WatchValue => ({ expression, value: 1 })) }))
})

async function panelWith(expressions: string[]) {
  const w = useWatchesStore()
  w.useJob('/w/job.ts')
  for (const e of expressions) w.add(e)
  const wrapper = mount(WatchPanel, { attachTo: document.body })
  await flushPromises()
  return wrapper
}

const focused = (): string => {
  const e = document.activeElement as HTMLElement | null
  return e === null || e === document.body ? 'body' : (e.getAttribute('aria-label') ?? e.tagName)
}

describe('WatchPanel focus', () => {
  it('puts the focus back on the edited row when Enter or Escape ends the edit', async () => {
    const w = await panelWith(['a', 'b'])
    await w.findAll('[data-testid=watch-edit]')[1]!.trigger('click')
    await flushPromises()
    expect(focused()).toBe('Edit watch expression b')
    const input = w.find('[data-testid=watch-edit-input]')
    await input.setValue('b + 1')
    await input.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(useWatchesStore().expressions).toEqual(['a', 'b + 1'])
    expect(focused()).toBe('Edit b + 1')

    await w.findAll('[data-testid=watch-edit]')[0]!.trigger('click')
    await flushPromises()
    await w.find('[data-testid=watch-edit-input]').trigger('keydown', { key: 'Escape' })
    await flushPromises()
    expect(useWatchesStore().expressions).toEqual(['a', 'b + 1'])
    expect(focused()).toBe('Edit a')
    w.unmount()
  })

  it('moves the focus to the next row when one is removed, then to the one before, then to the add box', async () => {
    const w = await panelWith(['a', 'b', 'c'])
    const removeButton = (i: number) => w.findAll('[data-testid=watch-remove]')[i]!
    ;(removeButton(1).element as HTMLElement).focus()
    await removeButton(1).trigger('click')
    await flushPromises()
    expect(useWatchesStore().expressions).toEqual(['a', 'c'])
    expect(focused()).toBe('Remove c')
    await removeButton(1).trigger('click')
    await flushPromises()
    expect(focused()).toBe('Remove a')
    await removeButton(0).trigger('click')
    await flushPromises()
    expect(useWatchesStore().expressions).toEqual([])
    expect(w.find('[data-testid=watch-add]').element).toBe(document.activeElement)
    w.unmount()
  })
})

describe('WatchPanel expressions', () => {
  // In the narrow key detail pane a watch's expression wraps: it broke inside names, "this.views.value(" over ")" and
  // "this.views.val" over "ue()". It breaks where code does, after a ".", "," or an opening bracket (not right before
  // the bracket that closes it), and at spaces; the text is the expression as typed.
  it('offers line breaks after ".", "," and opening brackets only, keeping the text as typed', async () => {
    const w = await panelWith(['this.views.value()', 'Math.max(a, b[0])'])
    const exprs = w.findAll('.expr')
    expect(exprs.map((e) => e.text())).toEqual(['this.views.value()', 'Math.max(a, b[0])'])
    // The text between the break opportunities, in order.
    const pieces = (el: Element): string[] => el.innerHTML.split('<wbr>').map((p) => p.replace(/<[^>]*>/g, ''))
    expect(pieces(exprs[0]!.element)).toEqual(['this.', 'views.', 'value()'])
    expect(pieces(exprs[1]!.element)).toEqual(['Math.', 'max(', 'a,', ' b[', '0])'])
  })
})
