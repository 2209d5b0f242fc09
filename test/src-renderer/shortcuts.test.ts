// Browser mode's keys are VS Code's debugger keys, and each button's tooltip names the same key.
import { describe, expect, it } from 'vitest'
import { commandForKey, withShortcut } from '../../src-renderer/src/shortcuts'

const key = (k: string, mods: { shift?: boolean; ctrl?: boolean } = {}) => ({ key: k, shiftKey: mods.shift ?? false, ctrlKey: mods.ctrl ?? false, metaKey: false })

describe('shortcuts', () => {
  it('maps the debugger keys to commands', () => {
    expect(commandForKey(key('F10'))).toBe('step')
    expect(commandForKey(key('F10', { shift: true }))).toBe('stepBack')
    expect(commandForKey(key('F11'))).toBe('stepOutput')
    expect(commandForKey(key('F11', { shift: true }))).toBe('stepTimer')
    expect(commandForKey(key('F5'))).toBe('continue')
    expect(commandForKey(key('F5', { shift: true }))).toBe('stop')
    expect(commandForKey(key('F5', { ctrl: true }))).toBe('runToEnd')
    expect(commandForKey(key('F5', { ctrl: true, shift: true }))).toBe('restart')
    expect(commandForKey(key('F6'))).toBe('pause')
    expect(commandForKey(key('s', { ctrl: true }))).toBe('saveJob')
    expect(commandForKey(key('S', { ctrl: true, shift: true }))).toBe('saveJobAs')
    expect(commandForKey(key('o', { ctrl: true }))).toBe('openJob')
    expect(commandForKey(key('s'))).toBeNull()
    expect(commandForKey(key('Escape'))).toBeNull()
  })

  it('a tooltip names the key of its command, and only when it has one', () => {
    expect(withShortcut('Step', 'step')).toBe('Step (F10)')
    expect(withShortcut('Stop', 'stop')).toBe('Stop (Shift+F5)')
    expect(withShortcut('Open a recording', 'openRecording')).toBe('Open a recording')
  })
})
