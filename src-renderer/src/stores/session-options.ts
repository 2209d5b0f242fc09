// What the menus now say against what the running session was started with (recording, backend, processing-time
// mode): the changes a Restart would apply, for the Start button's mark (stores/session.ts).
import { computed, type ComputedRef, type Ref } from 'vue'
import type { BackendName, ProcessingTimeMode } from '@common/views'
import { useRecordingsStore } from './recordings'

interface Started {
  sessionId: Ref<string | null>
  startedOptions: Ref<{ backend: BackendName; processingTime: ProcessingTimeMode } | null>
  startedRun: Ref<{ jobPath: string; recordingPath: string } | null>
  backend: Ref<BackendName>
  processingTime: Ref<ProcessingTimeMode>
}

/**
 * "backend: heap", "recording: clicks-small.jsonl": what the session runs with where the menus now say otherwise (a
 * change applies at Restart). The recording too: picking another one changed nothing of the running session, and
 * nothing said so.
 */
export function optionsChangedSince(s: Started): ComputedRef<string[]> {
  return computed(() => {
    const o = s.startedOptions.value
    if (o === null || s.sessionId.value === null) return []
    const ranOn = s.startedRun.value?.recordingPath ?? null
    const picked = useRecordingsStore().selectedPath
    return [
      ranOn !== null && picked !== null && picked !== ranOn ? `recording: ${ranOn.replace(/^.*[\\/]/, '')}` : '',
      o.backend !== s.backend.value ? `backend: ${o.backend}` : '', o.processingTime !== s.processingTime.value ? `processing time: ${o.processingTime}` : '',
    ].filter((x) => x !== '')
  })
}
