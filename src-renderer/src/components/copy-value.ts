// "Copy as JSON" for the value views: the value, indented, on the clipboard, and a notice saying how much.
import { useMessagesStore } from '../stores/messages'
import { copyText, sizeLabel } from '../values'

export async function copyValue(value: unknown): Promise<void> {
  const text = copyText(value)
  try {
    await navigator.clipboard.writeText(text)
  } catch {
    // No clipboard API (an insecure page, a refused permission): the old way, through a selected textarea.
    const area = document.createElement('textarea')
    area.value = text
    document.body.appendChild(area)
    area.select()
    document.execCommand('copy')
    area.remove()
  }
  useMessagesStore().report('info', `Copied ${sizeLabel(text.length)} of JSON`, { source: 'value' })
}
