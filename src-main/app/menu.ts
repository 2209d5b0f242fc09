// The application menu. Debug items carry VS Code's debugger accelerators (F5, F10, Shift+F5); each item
// sends an `app.command` event so the renderer runs the same action as its toolbar button.
import { Menu, type MenuItemConstructorOptions } from 'electron'
import type { AppCommand } from '../common/contract'

export function menuTemplate(send: (command: AppCommand) => void, isMac: boolean): MenuItemConstructorOptions[] {
  const item = (label: string, command: AppCommand, accelerator?: string): MenuItemConstructorOptions =>
    ({ label, accelerator, click: () => send(command) })
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        item('Open Job…', 'openJob', 'CmdOrCtrl+O'),
        item('Save Job', 'saveJob', 'CmdOrCtrl+S'),
        item('Save Job As…', 'saveJobAs', 'CmdOrCtrl+Shift+S'),
        { type: 'separator' },
        item('Open Recording…', 'openRecording', 'CmdOrCtrl+Shift+O'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'Debug',
      submenu: [
        item('Start Session', 'start'),
        item('Restart', 'restart', 'CmdOrCtrl+Shift+F5'),
        { type: 'separator' },
        // Accelerators without a registered renderer shortcut would fire twice; the renderer ignores
        // keydown for these keys when running in Electron and relies on the menu instead.
        item('Step', 'step', 'F10'),
        item('Step Back', 'stepBack', 'Shift+F10'),
        item('Step to Next Output', 'stepOutput', 'F11'),
        item('Step to Next Timer', 'stepTimer', 'Shift+F11'),
        item('Continue', 'continue', 'F5'),
        item('Pause', 'pause', 'F6'),
        item('Run to End', 'runToEnd', 'CmdOrCtrl+F5'),
        item('Stop', 'stop', 'Shift+F5'),
        { type: 'separator' },
        item('Save Savepoint…', 'saveSavepoint'),
        item('Load Savepoint…', 'loadSavepoint'),
      ],
    },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ]
}

export function installMenu(send: (command: AppCommand) => void): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(send, process.platform === 'darwin')))
}
