// The keyboard shortcuts, in one place: which key runs which command in browser mode (in Electron the
// menu's accelerators, src-main/app/menu.ts, send the same commands), and the hint each button's tooltip
// shows. VS Code's debugger keys.
import type { AppCommand } from '@common/contract'

/** The shortcut of each command as a tooltip shows it ("Step (F10)"). */
export const SHORTCUTS: Partial<Record<AppCommand, string>> = {
  openJob: 'Ctrl+O',
  saveJob: 'Ctrl+S',
  saveJobAs: 'Ctrl+Shift+S',
  restart: 'Ctrl+Shift+F5',
  step: 'F10',
  stepBack: 'Shift+F10',
  stepOutput: 'F11',
  stepTimer: 'Shift+F11',
  continue: 'F5',
  pause: 'F6',
  runToEnd: 'Ctrl+F5',
  stop: 'Shift+F5',
}

/** "Step (F10)": a button's title with its shortcut, when it has one. */
export function withShortcut(label: string, command: AppCommand): string {
  const key = SHORTCUTS[command]
  return key ? `${label} (${key})` : label
}

type KeyLike = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey'>

/** The command a key press runs, or null. */
export function commandForKey(e: KeyLike): AppCommand | null {
  const ctrl = e.ctrlKey || e.metaKey
  const key = e.key
  if (key === 'F10') return e.shiftKey ? 'stepBack' : 'step'
  if (key === 'F11') return e.shiftKey ? 'stepTimer' : 'stepOutput'
  if (key === 'F5') return ctrl && e.shiftKey ? 'restart' : e.shiftKey ? 'stop' : ctrl ? 'runToEnd' : 'continue'
  if (key === 'F6') return 'pause'
  if (ctrl && key.toLowerCase() === 's') return e.shiftKey ? 'saveJobAs' : 'saveJob'
  if (ctrl && !e.shiftKey && key.toLowerCase() === 'o') return 'openJob'
  return null
}
