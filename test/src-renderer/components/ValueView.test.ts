// The one value view: times beside time fields following the UTC/local choice, a long value folded with a
// button that unfolds it (indented) and folds it again, and "copy" putting the value's JSON on the clipboard.
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import ValueView from '../../../src-renderer/src/components/value-view'
import { useMessagesStore } from '../../../src-renderer/src/stores/messages'
import { usePrefsStore } from '../../../src-renderer/src/stores/prefs'

const T = Date.UTC(2024, 1, 25, 8)
beforeEach(() => {
  localStorage.clear()
  setActivePinia(createPinia())
})

describe('ValueView', () => {
  it('shows a time field\'s readable time, in the zone the status bar chose (remembered)', async () => {
    const w = mount(ValueView, { props: { value: { user_id: 'u1', session_start: T } } })
    expect(w.find('[data-testid=value-time]').text()).toBe('2024-02-25T08:00:00.000Z')
    usePrefsStore().toggleTimeZone()
    await flushPromises()
    expect(w.find('[data-testid=value-time]').text()).toMatch(/^2024-02-25T\d\d:00:00\.000[+-]\d\d:\d\d$/)
    expect(JSON.parse(localStorage.getItem('riffle.prefs')!)).toEqual({ timeZone: 'local' })
    expect(JSON.parse(w.attributes('data-json')!)).toEqual({ user_id: 'u1', session_start: T })
  })

  it('folds a long value and unfolds it indented, then folds it again', async () => {
    const value = { items: Array.from({ length: 40 }, (_, i) => ({ i, name: 'item-' + i })) }
    const w = mount(ValueView, { props: { value, max: 80 } })
    expect(w.find('.text').text()).toHaveLength(81) // 80 characters and the ellipsis
    const fold = w.find('[data-testid=value-fold]')
    expect(fold.attributes('aria-expanded')).toBe('false')
    await fold.trigger('click')
    expect(JSON.parse(w.find('.text').text())).toEqual(value)
    expect(w.find('.text').text()).toContain('\n  "items": [')
    await w.find('[data-testid=value-fold]').trigger('click')
    expect(w.find('.text').text()).toHaveLength(81)
  })

  it('may wrap after each comma (a wrapped value broke inside a field name, "cu" over "rrency") and a time after its "T", its text unchanged', async () => {
    const value = { event_id: 'pay-1', amount: 54.97, currency: 'EUR', ts: T }
    const w = mount(ValueView, { props: { value } })
    // A break opportunity after each of the three commas, none elsewhere; the text is the JSON and the readable time.
    expect(w.findAll('.text > wbr')).toHaveLength(3)
    expect(w.find('.text').html()).toMatch(/"pay-1",<wbr>"amount":54\.97,<wbr>"currency":"EUR",<wbr>"ts"/)
    expect(w.find('.text').text()).toBe(`{"event_id":"pay-1","amount":54.97,"currency":"EUR","ts":${T} 2024-02-25T08:00:00.000Z}`)
    // The time chip may break after its "T" only: its date and its time of day each whole.
    expect(w.find('[data-testid=value-time]').html()).toMatch(/^<span[^>]*><span>2024-02-25T<\/span><wbr><span>08:00:00\.000Z<\/span><\/span>$/)
    // A folded one too, folded and unfolded.
    const long = mount(ValueView, { props: { value: { items: Array.from({ length: 40 }, (_, i) => i) }, max: 30 } })
    expect(long.findAll('.text wbr').length).toBeGreaterThan(5)
    await long.find('[data-testid=value-fold]').trigger('click')
    expect(JSON.parse(long.find('.text').text())).toEqual({ items: Array.from({ length: 40 }, (_, i) => i) })
  })

  it('a short value has no fold button', () => {
    expect(mount(ValueView, { props: { value: { a: 1 } } }).find('[data-testid=value-fold]').exists()).toBe(false)
  })

  it('copy puts the value on the clipboard as indented JSON and says so', async () => {
    const writeText = vi.fn(async () => {})
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const w = mount(ValueView, { props: { value: { a: [1, 2] } } })
    await w.find('[data-testid=copy-json]').trigger('click')
    await flushPromises()
    expect(writeText).toHaveBeenCalledWith('{\n  "a": [\n    1,\n    2\n  ]\n}')
    expect(useMessagesStore().toasts.map((t) => t.text)).toEqual(['Copied 29 B of JSON'])
  })
})
