// The layout: sizes that fit any window, an editor as wide as its code until dragged, and sizes remembered
// in localStorage (a bad remembered value is ignored).
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_LAYOUT, LAYOUT_KEY, MIN, editorWidthFor, fitLayout, useLayoutStore } from '../../../src-renderer/src/stores/layout'

beforeEach(() => {
  localStorage.clear()
  setActivePinia(createPinia())
})

describe('layout', () => {
  it('gives the editor the width its longest line needs, between 45 % and 62 % of the window', () => {
    const line100 = 'x'.repeat(100)
    const need = editorWidthFor(`a\n${line100}\nb`)
    expect(need).toBeGreaterThan(100 * 7)
    expect(fitLayout(DEFAULT_LAYOUT, 1600, 1000, need).editor).toBe(need)
    expect(fitLayout(DEFAULT_LAYOUT, 1600, 1000, 10).editor).toBe(Math.round(0.45 * 1600))
    expect(fitLayout(DEFAULT_LAYOUT, 1600, 1000, 5000).editor).toBe(Math.round(0.62 * 1600))
  })

  it('a dragged share wins over the code\'s width', () => {
    expect(fitLayout({ ...DEFAULT_LAYOUT, editorFraction: 0.3 }, 1600, 1000, 1000).editor).toBe(480)
  })

  it('keeps every pane at its minimum in a small window, whatever was remembered', () => {
    const f = fitLayout({ editorFraction: 0.9, keysWidth: 3000, bottomHeight: 3000, bottomMaximised: false }, 900, 600)
    expect(f.editor).toBeGreaterThanOrEqual(MIN.editor)
    expect(f.keys).toBeGreaterThanOrEqual(MIN.keys)
    expect(900 - f.editor - f.keys - 10).toBeGreaterThanOrEqual(MIN.detail)
    expect(600 - 130 - f.bottom - 5).toBeGreaterThanOrEqual(MIN.main)
  })

  it('remembers the sizes and the maximised panel between launches', async () => {
    const layout = useLayoutStore()
    layout.setEditorWidth(700, 1400)
    layout.setKeysWidth(300)
    layout.setBottomHeight(350)
    layout.toggleBottomMaximised()
    await nextTick()
    setActivePinia(createPinia())
    expect(useLayoutStore().sizes).toEqual({ editorFraction: 0.5, keysWidth: 300, bottomHeight: 350, bottomMaximised: true })
  })

  it('ignores a remembered value that is not a size', () => {
    localStorage.setItem(LAYOUT_KEY, JSON.stringify({ editorFraction: 'wide', keysWidth: -5, bottomHeight: 1e9, bottomMaximised: 'yes' }))
    expect(useLayoutStore().sizes).toEqual(DEFAULT_LAYOUT)
    localStorage.setItem(LAYOUT_KEY, '{not json')
    setActivePinia(createPinia())
    expect(useLayoutStore().sizes).toEqual(DEFAULT_LAYOUT)
  })
})
