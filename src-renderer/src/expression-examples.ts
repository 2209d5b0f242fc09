// The example expressions the breakpoint inputs show, in the job's language: a Python job's conditions and log
// messages are Python expressions (python/_riffle.py compile_expression), so the TypeScript examples
// (`event.type === 'click'`, a `${key}` template) did not compile when a Python user typed them as shown.
import { jobLanguage } from './monaco/job-language'

export interface ExpressionExamples {
  /** An event predicate (a condition over `event`). */
  event: string
  /** A state predicate (the state names are variables). */
  state: string
  /** A log message. */
  log: string
  /** What the job's methods read state through: an expression reads it too, read-only, at the expression's key. */
  self: string
}

export function expressionExamples(jobPath: string): ExpressionExamples {
  return jobLanguage(jobPath) === 'python'
    ? { event: 'event["type"] == "click"', state: 'event_count > 3', log: 'f"{key}: {event_count}"', self: 'self' }
    : { event: "event.type === 'click'", state: 'event_count > 3', log: '`${key}: ${event_count}`', self: 'this' }
}
