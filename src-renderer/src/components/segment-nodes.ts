// A value's text segments (values.ts) as nodes, for value-view.ts and ValueFold.vue alike: a time as a chip titled
// with its zone, and a break opportunity (<wbr>, no text) after each comma, so a value too long for its cell wraps
// between fields ("amount":54.97, / "currency":"EUR") rather than inside one ("cu" / "rrency"). A chip may break
// after its "T", and only there: whole, it ran past a list state's box in the 260 px key detail at 1024 px.
import { h, type FunctionalComponent, type VNode } from 'vue'
import { dateAndTime } from '../format'
import type { Segment } from '../values'

export function segmentNodes(segments: Segment[], zoneName: string): Array<VNode | string> {
  return segments.flatMap((s) => {
    if (!s.time) return s.text.split(/(?<=,)/).flatMap((part, i) => (i === 0 ? [part] : [h('wbr'), part]))
    const [date, time] = dateAndTime(s.text)
    return [h('span', { class: 'vv-t', 'data-testid': 'value-time', title: `as ${zoneName}: switch in the status bar` },
      time === '' ? [h('span', date)] : [h('span', date), h('wbr'), h('span', time)])]
  })
}

/** The segments, as segmentNodes draws them. */
export const SegmentText: FunctionalComponent<{ segments: Segment[]; zoneName: string }> = (props) => segmentNodes(props.segments, props.zoneName)
SegmentText.props = ['segments', 'zoneName']
SegmentText.displayName = 'SegmentText'
