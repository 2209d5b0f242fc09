// A CSS media query as a reactive boolean (the header's compact form in a narrow window).
import { onBeforeUnmount, ref, type Ref } from 'vue'

export function useMediaQuery(query: string): Ref<boolean> {
  const list = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(query) : null
  const matches = ref(list?.matches ?? false)
  const onChange = (e: MediaQueryListEvent): void => { matches.value = e.matches }
  list?.addEventListener('change', onChange)
  onBeforeUnmount(() => list?.removeEventListener('change', onChange))
  return matches
}

/** Below this width the header drops its labels and summaries, never the job's or the recording's name. */
export const NARROW = '(max-width: 1200px)'
