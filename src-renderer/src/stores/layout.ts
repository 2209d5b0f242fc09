// The window's layout: the editor's share of the width (until the user drags it: as wide as the job's
// longest line needs), the key list's width, the bottom panel's height and whether the panel is maximised;
// remembered in localStorage between launches. fitLayout() turns the wanted sizes into ones that fit the
// window (every pane keeps a usable minimum), so a size saved on a big screen still opens on a small one.
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { isRecord, readStored, writeStored } from '../prefs/storage'

export const LAYOUT_KEY = 'riffle.layout'

export interface LayoutSizes {
  /** The editor's share of the window's width; null: as wide as the code needs (editorWidthFor). */
  editorFraction: number | null
  keysWidth: number
  bottomHeight: number
  bottomMaximised: boolean
}

export const DEFAULT_LAYOUT: LayoutSizes = { editorFraction: null, keysWidth: 230, bottomHeight: 280, bottomMaximised: false }
/** Monaco at font size 13 (monaco/job-editor.ts): a monospace character's width, and the gutter's. */
const CHAR_PX = 7.9
const GUTTER_PX = 90
/** The automatic width: at least this share of the window, at most that one (the inspector needs room too). */
const AUTO_MIN = 0.45
const AUTO_MAX = 0.62

/** The editor width the code needs: its longest line (tabs as 2) without cutting, plus the gutter. */
export function editorWidthFor(source: string): number {
  let longest = 0
  for (const line of source.split('\n')) longest = Math.max(longest, line.replace(/\t/g, '  ').length)
  return Math.ceil((longest + 2) * CHAR_PX + GUTTER_PX)
}
export const MIN = { editor: 320, keys: 160, detail: 260, bottom: 110, main: 160 } as const
/** The bars above the main area and the status line, which the bottom panel must leave room for. */
const CHROME_HEIGHT = 130
const HANDLE = 5

export interface FittedLayout { editor: number; keys: number; bottom: number }

/** The pixel sizes that fit a window of `width` × `height`, as close to the wanted ones as the minimums allow. */
export function fitLayout(s: LayoutSizes, width: number, height: number, editorNeeds = 0): FittedLayout {
  const clamp = (v: number, lo: number, hi: number): number => Math.round(Math.max(lo, Math.min(hi, v)))
  const keys = clamp(s.keysWidth, MIN.keys, Math.max(MIN.keys, width - MIN.editor - MIN.detail - 2 * HANDLE))
  const wanted = s.editorFraction === null ? Math.min(AUTO_MAX * width, Math.max(AUTO_MIN * width, editorNeeds)) : s.editorFraction * width
  const editor = clamp(wanted, MIN.editor, Math.max(MIN.editor, width - keys - MIN.detail - 2 * HANDLE))
  const bottom = clamp(s.bottomHeight, MIN.bottom, Math.max(MIN.bottom, height - CHROME_HEIGHT - MIN.main - HANDLE))
  return { editor, keys, bottom }
}

function parse(raw: unknown): LayoutSizes | null {
  if (!isRecord(raw)) return null
  const num = (v: unknown, lo: number, hi: number): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi ? v : null)
  return {
    editorFraction: num(raw.editorFraction, 0.05, 0.95),
    keysWidth: num(raw.keysWidth, 50, 4000) ?? DEFAULT_LAYOUT.keysWidth,
    bottomHeight: num(raw.bottomHeight, 50, 4000) ?? DEFAULT_LAYOUT.bottomHeight,
    bottomMaximised: raw.bottomMaximised === true,
  }
}

export const useLayoutStore = defineStore('layout', () => {
  const sizes = ref<LayoutSizes>(readStored(LAYOUT_KEY, parse) ?? { ...DEFAULT_LAYOUT })
  watch(sizes, (s) => writeStored(LAYOUT_KEY, s), { deep: true })

  function setEditorWidth(px: number, windowWidth: number): void {
    if (windowWidth > 0) sizes.value.editorFraction = Math.max(0.05, Math.min(0.95, px / windowWidth))
  }
  function setKeysWidth(px: number): void { sizes.value.keysWidth = Math.max(50, Math.round(px)) }
  function setBottomHeight(px: number): void { sizes.value.bottomHeight = Math.max(50, Math.round(px)) }
  function toggleBottomMaximised(): void { sizes.value.bottomMaximised = !sizes.value.bottomMaximised }
  function fitEditorToCode(): void { sizes.value.editorFraction = null }
  function reset(): void { sizes.value = { ...DEFAULT_LAYOUT } }

  return { sizes, setEditorWidth, fitEditorToCode, setKeysWidth, setBottomHeight, toggleBottomMaximised, reset }
})
