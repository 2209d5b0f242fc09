// Builds the operator graph from a job's default export: the StreamExecutionEnvironment and
// DataStream objects a job sees (api/streams.ts), each call adding a node.
import type { KeyedProcessFunction } from '../api/functions'
import { OutputTag } from '../api/functions'
import type { DataStream, KeyedStream, SingleOutputStreamOperator, StreamExecutionEnvironment } from '../api/streams'
import { WatermarkStrategy } from '../api/watermark-strategy'
import { rememberCreation } from '../api/creation-sites'
import { AssignerNode } from './assigner-node'
import { KeyByNode } from './key-by-node'
import { KeyedProcessNode } from './keyed-process-node'
import type { RunContext } from './run-context'
import { FilterNode, FlatMapNode, MapNode, SideOutputNode, SourceNode, type StreamNode } from './stream-node'
import { asUserCode, UserCodeError } from '../../sandbox/gate'
import { RiffleError } from '../../common/errors'

export interface JobGraph {
  source: SourceNode
  nodes: StreamNode[]
  keyedOps: KeyedProcessNode[]
  result: StreamNode
}

export function buildGraph(rc: RunContext, jobMain: (env: StreamExecutionEnvironment) => unknown): JobGraph {
  const nodes: StreamNode[] = []
  let source: SourceNode | null = null
  const add = <N extends StreamNode>(n: N): N => {
    nodes.push(n)
    n.parent?.children.push(n)
    return n
  }

  const wrap = <T>(node: StreamNode): SingleOutputStreamOperator<T> & KeyedStream<T, unknown> => {
    const s = {
      __node: node,
      map: (fn: (v: T) => unknown) => wrap(add(new MapNode(rc, nodes.length, node, checkFn(fn, 'map') as (v: unknown) => unknown))),
      filter: (fn: (v: T) => boolean) => wrap(add(new FilterNode(rc, nodes.length, node, checkFn(fn, 'filter') as (v: unknown) => boolean))),
      flatMap: (fn: (v: T, out: { collect(v: unknown): void }) => Iterable<unknown> | void) =>
        wrap(add(new FlatMapNode(rc, nodes.length, node, checkFn(fn, 'flatMap') as never))),
      keyBy: (sel: (v: T) => unknown) => {
        const n = new KeyByNode(rc, nodes.length, node, checkFn(sel, 'keyBy') as (v: unknown) => unknown)
        rememberCreation(n) // a selector that returns no key names this line
        return wrap(add(n))
      },
      assignTimestampsAndWatermarks: (strategy: WatermarkStrategy<T>) => {
        if (!(strategy instanceof WatermarkStrategy)) {
          throw new TypeError('assignTimestampsAndWatermarks expects a WatermarkStrategy (WatermarkStrategy.forBoundedOutOfOrderness(...) etc.)')
        }
        return wrap(add(new AssignerNode(rc, nodes.length, node, strategy as WatermarkStrategy<unknown>)))
      },
      process: (fn: KeyedProcessFunction<unknown, T, unknown>) => {
        if (!(node instanceof KeyByNode)) throw new TypeError('process() needs a keyed stream: call keyBy(...) first (timers need a keyed stream, T7)')
        const p = new KeyedProcessNode(rc, nodes.length, node, fn as KeyedProcessFunction<unknown, unknown, unknown>)
        nodes.push(p)
        node.targets.push(p)
        return wrap(p)
      },
      name: (n: string) => { node.userName = String(n); return s },
      uid: (u: string) => {
        if (typeof u !== 'string' || u.length === 0) throw new TypeError('uid() needs a non-empty string')
        if (nodes.some((o) => o !== node && o.uid === u)) throw new TypeError(`uid "${u}" is used by two operators`)
        node.uid = u
        return s
      },
      getSideOutput: (tag: OutputTag<unknown>) => {
        if (!(tag instanceof OutputTag)) throw new TypeError('getSideOutput expects an OutputTag')
        const side = new SideOutputNode(rc, nodes.length, node, tag.id)
        nodes.push(side)
        const list = node.sideChildren.get(tag.id) ?? []
        list.push(side)
        node.sideChildren.set(tag.id, list)
        return wrap(side)
      },
    }
    return s as unknown as SingleOutputStreamOperator<T> & KeyedStream<T, unknown>
  }

  const env: StreamExecutionEnvironment = {
    fromRecording: <T>() => {
      if (source !== null) throw new TypeError('fromRecording() can be called once per job: a job reads one recording')
      source = new SourceNode(rc)
      nodes.push(source)
      return wrap<T>(source) as DataStream<T>
    },
  }

  const returned = asUserCode(() => {
    try {
      return jobMain(env)
    } catch (e) {
      // A thrown value that is not an Error (`throw undefined`) has no stack to find the job's line by: without the
      // function it came from it read as Riffle's own failure (INTERNAL, with Riffle's stack). An Error names its line.
      if (e instanceof Error) throw e
      throw new UserCodeError("the job's default export", e, undefined, jobMain as (...args: never[]) => unknown)
    }
  })
  // The job as written is not acceptable (exit 2), as a job without a default export is: not a bug in Riffle.
  // An async one returned its stream in a Promise (and may await before fromRecording()): "must return the stream"
  // told it to do what it did, as written.
  if (typeof (returned as { then?: unknown } | null | undefined)?.then === 'function') {
    // Refused as it is: what it does later (a throw after an await) is not an unhandled rejection of the worker.
    Promise.resolve(returned).catch(() => undefined)
    throw new RiffleError('BAD_ARGUMENT', 'the job\'s default export returned a Promise (is it async?): it must return the stream that is the job\'s output ' +
      'itself, at once (remove async, and do not await in it)')
  }
  if (source === null) throw new RiffleError('BAD_ARGUMENT', 'the job never called env.fromRecording(): it has no input')
  const result = (returned as { __node?: StreamNode } | null | undefined)?.__node
  if (result === undefined) {
    throw new RiffleError('BAD_ARGUMENT', 'the job\'s default export must return the stream that is the job\'s output (e.g. `return env.fromRecording()...process(...)`)')
  }
  result.isJobOutput = true
  return { source, nodes, keyedOps: nodes.filter((n): n is KeyedProcessNode => n instanceof KeyedProcessNode), result }
}

function checkFn(fn: unknown, what: string): unknown {
  if (typeof fn !== 'function') throw new TypeError(`${what}() expects a function, got ${fn === null ? 'null' : typeof fn}`)
  return fn
}
