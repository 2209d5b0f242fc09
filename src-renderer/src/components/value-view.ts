// One value, the same way everywhere (outputs, compare, lineage, the current step, key state, history): JSON
// with each time field's readable time beside its number (UTC or local, the status bar's toggle), "copy as
// JSON", and a long value folded (ValueFold.vue, which keeps the fold state). A short value is a functional
// component — no instance, no state — because the output log shows hundreds of them and rebuilds them while
// it follows a run.
import { h, type FunctionalComponent } from 'vue'
import { usePrefsStore } from '../stores/prefs'
import { foldSegments, valueSegments } from '../values'
import { copyValue } from './copy-value'
import { segmentNodes } from './segment-nodes'
import ValueFold from './ValueFold.vue'

/**
 * `text`: the value as its job's language writes it where the JSON kept reads as something else (a Python job's bytes,
 * kept as their values: b'view', not [118,105,101,119]), shown instead of the JSON; "copy as JSON" still copies value.
 */
export interface ValueViewProps { value: unknown; max?: number; isTime?: boolean; text?: string }

export const ValueView: FunctionalComponent<ValueViewProps> = (props) => {
  const zone = usePrefsStore().timeZone
  const max = props.max ?? 200
  const segments = props.text !== undefined ? [{ text: props.text }] : valueSegments(props.value, { zone, isTime: props.isTime === true })
  if (foldSegments(segments, max).cut) return h(ValueFold, { value: props.value, max, isTime: props.isTime === true, text: props.text })
  return h('span', { class: 'value-view', 'data-testid': 'value-view', 'data-json': props.value === undefined ? undefined : JSON.stringify(props.value) }, [
    h('span', { class: 'text' }, segmentNodes(segments, zone === 'utc' ? 'UTC' : 'local time')),
    h('button', {
      type: 'button', class: 'vv-mini vv-copy', 'data-testid': 'copy-json', title: 'Copy as JSON', 'aria-label': 'Copy as JSON', 'data-label': 'copy',
      onClick: (e: MouseEvent) => { e.stopPropagation(); void copyValue(props.value) },
    }),
  ])
}
ValueView.props = ['value', 'max', 'isTime', 'text']
ValueView.displayName = 'ValueView'

export default ValueView
