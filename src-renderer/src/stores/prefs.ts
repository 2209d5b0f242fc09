// The user's display preferences, remembered in localStorage: whether times read as UTC or local time (the
// status bar's toggle, shared by every value view).
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import type { TimeZoneChoice } from '../format'
import { isRecord, readStored, writeStored } from '../prefs/storage'

export const PREFS_KEY = 'riffle.prefs'

export const usePrefsStore = defineStore('prefs', () => {
  const saved = readStored(PREFS_KEY, (raw) => (isRecord(raw) ? raw : null))
  const timeZone = ref<TimeZoneChoice>(saved?.timeZone === 'local' ? 'local' : 'utc')
  watch(timeZone, (z) => writeStored(PREFS_KEY, { timeZone: z }))

  function toggleTimeZone(): void { timeZone.value = timeZone.value === 'utc' ? 'local' : 'utc' }

  return { timeZone, toggleTimeZone }
})
