// The run over time for the charts, as the session samples it by step (session.series): watermark lag,
// throughput, keys, state entries and pending timers, in the run's step order whatever order the steps were
// visited in. Asked for again after each applied step result (at most one request in flight).
import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import type { RunSample } from '@common/views'
import { getClient } from '../client'
import { useSessionStore } from './session'

export const useChartsStore = defineStore('charts', () => {
  const samples = shallowRef<RunSample[]>([])
  /** The last step before the first watermark (the lag is undefined up to it), or null when there is none. */
  const noWatermarkUntil = computed(() => {
    const first = samples.value.findIndex((s) => s.watermark !== null)
    if (first === 0 || samples.value.length === 0) return null
    return first === -1 ? samples.value.at(-1)!.step : samples.value[first - 1].step
  })
  let inFlight: Promise<void> | null = null
  let again = false
  let generation = 0

  async function refresh(): Promise<void> {
    if (inFlight) { again = true; return inFlight }
    inFlight = (async () => {
      try {
        do {
          again = false
          const gen = generation
          const id = useSessionStore().sessionId
          if (!id) return
          const series = await getClient().call('session.series', id)
          if (gen === generation) samples.value = series.samples
        } while (again)
      } finally { inFlight = null }
    })()
    return inFlight
  }

  function reset(): void {
    generation++
    samples.value = []
  }

  return { samples, noWatermarkUntil, refresh, reset }
})
