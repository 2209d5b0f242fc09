// App-wide facts: which mode we run in (Electron or browser), the workspace folder, examples, and menu
// commands from the Electron shell. say() hands a notice or an error to the messages (stores/messages.ts).
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppCommand, AppInfo, ExampleInfo } from '@common/contract'
import { getClient } from '../client'
import { useMessagesStore } from './messages'

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null)
  const examples = ref<ExampleInfo[]>([])
  const jobFiles = ref<string[]>([])
  const commandHandlers = new Map<AppCommand, () => void>()

  async function load(): Promise<void> {
    const client = getClient()
    client.on('app.command', ({ command }) => commandHandlers.get(command)?.())
    const [i, ex] = await Promise.all([client.call('app.info'), client.call('examples.list')])
    info.value = i
    examples.value = ex
  }

  async function refreshJobFiles(): Promise<void> {
    jobFiles.value = await getClient().call('files.list')
  }

  function onCommand(command: AppCommand, handler: () => void): void {
    commandHandlers.set(command, handler)
  }

  function say(kind: 'info' | 'error', text: string, source = 'app'): void {
    useMessagesStore().report(kind, text, { source })
  }

  return { info, examples, jobFiles, load, refreshJobFiles, onCommand, say }
})
