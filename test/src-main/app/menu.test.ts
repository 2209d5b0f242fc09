// The Debug menu carries VS Code's debugger keys, and each item sends its command to the renderer.
import { describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'

vi.mock('electron', async () => (await import('./electron-mock')).electronModule())
const { menuTemplate } = await import('../../../src-main/app/menu')

describe('application menu', () => {
  it('F10 steps, F5 continues, Shift+F5 stops, and each item sends its command', () => {
    const sent: string[] = []
    const debug = menuTemplate((c) => sent.push(c), false).find((m) => m.label === 'Debug')!
    const items = debug.submenu as MenuItemConstructorOptions[]
    const byKey = (acc: string) => items.find((i) => i.accelerator === acc)!
    for (const [acc, cmd] of [['F10', 'step'], ['F5', 'continue'], ['Shift+F5', 'stop']]) {
      ;(byKey(acc).click as () => void)()
      expect(sent.at(-1)).toBe(cmd)
    }
  })
})
