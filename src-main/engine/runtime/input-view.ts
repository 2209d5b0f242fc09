// An input item (a record, a control line, skipped records) as the debugger, the trace and errors show it.
import type { InputView } from '../../common/views'
import type { RecordingItem } from '../../replay/recording-reader'

/** The view of an input item for the debugger. */
export function inputView(item: RecordingItem): InputView {
  if (item.kind === 'record') {
    const view: InputView = { ...item.origin, value: item.value, sourceTimestamp: item.sourceTimestamp }
    if (item.text !== undefined) view.text = item.text.trim() // kept for a Python job only (open-run.ts keepLineText)
    return view
  }
  if (item.kind === 'skipped') return { ...item.origin, value: null, sourceTimestamp: item.timestamp }
  const value = item.kind === 'watermark' ? { $watermark: item.watermark } : { $processingTime: item.time }
  return { ...item.origin, value, sourceTimestamp: null }
}
