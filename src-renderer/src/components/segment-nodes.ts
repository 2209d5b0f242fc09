// A value's text segments (values.ts) as nodes, for value-view.ts and ValueFold.vue alike: a time as a chip titled
// with its zone, and a break opportunity (<wbr>, no text) after each comma, so a value too long for its cell wraps
// between fields ("amount":54.97, / "currency":"EUR") rather than inside one ("cu" / "rrency").
import { h, type FunctionalComponent, type VNode } from 'vue'
import type { Segment } from '../values'

export function segmentNodes(segments: Segment[], zoneName: string): Array<VNode | string> {
  return segments.flatMap((s) => (s.time
    ? [h('span', { class: 'vv-t', 'data-testid': 'value-time', title: `as ${zoneName}: switch in the status bar` }, s.text)]
    : s.text.split(/(?<=,)/).flatMap((part, i) => (i === 0 ? [part] : [h('wbr'), part]))))
}

/** The segments, as segmentNodes draws them. */
export const SegmentText: FunctionalComponent<{ segments: Segment[]; zoneName: string }> = (props) => segmentNodes(props.segments, props.zoneName)
SegmentText.props = ['segments', 'zoneName']
SegmentText.displayName = 'SegmentText'
