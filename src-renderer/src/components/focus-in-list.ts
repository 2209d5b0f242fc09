// Keeps the keyboard focus in a list whose rows re-render under it (a row removed, an inline edit ended), as VS Code's
// lists do: the control of the row now at that place takes it, else the last row's, else a fallback (the list's
// add box). Without it the focused control left the page and the focus fell to the body, where the next key reached
// nothing and Tab started again from the top of the window.
import { nextTick } from 'vue'

/** After the next render: focuses the `index`-th element under `root` matching `selector` (the last when fewer), else `fallback`. */
export async function focusInList(root: HTMLElement | null, selector: string, index: number, fallback?: string): Promise<void> {
  await nextTick()
  if (!root?.isConnected) return
  const all = root.querySelectorAll<HTMLElement>(selector)
  const target = all[Math.min(index, all.length - 1)] ?? (fallback ? root.querySelector<HTMLElement>(fallback) : null)
  target?.focus()
}
