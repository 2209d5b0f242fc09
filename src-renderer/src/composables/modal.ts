// A modal dialog's keyboard and focus (FilePicker, SavepointDialog): the focus moves into it when it opens, Escape
// cancels it before anything else hears the key, and the focus goes back to where it was (the button that opened it)
// when it closes, as a native dialog's does. Without that, Escape left the focus on the page and Tab started over.
import { onBeforeUnmount, onMounted, type Ref } from 'vue'

export function useModalDialog(dialog: Ref<HTMLElement | null>, cancel: () => void, focusInside: () => void): void {
  const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null
  function onKey(e: KeyboardEvent): void {
    if (e.key !== 'Escape') return
    e.preventDefault()
    e.stopPropagation()
    cancel()
  }
  onMounted(() => {
    window.addEventListener('keydown', onKey, true)
    focusInside()
  })
  onBeforeUnmount(() => {
    window.removeEventListener('keydown', onKey, true)
    // Only when the focus is in the dialog (or nowhere): a pick may have put it somewhere on purpose.
    const now = document.activeElement
    if (opener?.isConnected && (now === null || now === document.body || dialog.value?.contains(now))) opener.focus()
  })
}
