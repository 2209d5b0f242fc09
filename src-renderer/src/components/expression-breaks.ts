// A debugger expression as nodes with line-break opportunities where code breaks: after a ".", a "," or an opening
// bracket (unless the bracket closing it comes next: "value()" stays whole). The Watch list's narrow expression
// column broke inside names ("this.views.val" over "ue()", "this.views.value(" over ")").
import { h, type FunctionalComponent, type VNode } from 'vue'

export function expressionNodes(text: string): Array<VNode | string> {
  return text.split(/(?<=[.,([{])(?![)\]}])/).flatMap((part, i) => (i === 0 ? [part] : [h('wbr'), part]))
}

/** The expression, as expressionNodes draws it. */
export const ExpressionText: FunctionalComponent<{ text: string }> = (props) => expressionNodes(props.text)
ExpressionText.props = ['text']
ExpressionText.displayName = 'ExpressionText'
