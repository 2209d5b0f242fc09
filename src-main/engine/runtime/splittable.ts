// Whether a job may run as `riffle run --parallelism N` subtasks: its keyed work must split by key group.
import { RiffleError } from '../../common/errors'
import type { JobGraph } from './graph-builder'
import { KeyByNode } from './key-by-node'
import type { StreamNode } from './stream-node'

/**
 * A job whose keyed work can be split by key group (--parallelism above 1): one keyBy, fed by the
 * recording's stateless prefix, and the job's output downstream of it. Anything else would need an
 * exchange between subtasks (a second keyBy) or would be output by every subtask (a stateless job).
 */
export function checkSplittable(graph: JobGraph): void {
  const keyBys = graph.nodes.filter((n): n is KeyByNode => n instanceof KeyByNode)
  const refuse = (why: string): never => {
    throw new RiffleError('BAD_ARGUMENT', `--parallelism above 1 splits a job's keyed work by key group, and ${why}; run it with --parallelism 1`)
  }
  if (keyBys.length === 0) refuse('this job has no keyBy')
  if (keyBys.length > 1) refuse(`this job has ${keyBys.length} keyBy calls (the subtasks would have to exchange records between them)`)
  const below = (n: StreamNode | null, target: StreamNode): boolean => n !== null && (n === target || below(n.parent, target))
  if (!below(graph.result, keyBys[0])) refuse('the job\'s output does not come from its keyed stream (every subtask would output it)')
}
