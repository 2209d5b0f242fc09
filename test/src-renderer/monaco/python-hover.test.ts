// Hovering a word of a Python job showed nothing at all: not a pyflink name's signature, nor, paused at a step, a
// state's value (VS Code's Python debugger shows a variable's value on hover). python-hover.ts gives both.
import { describe, expect, it } from 'vitest'
import type { KeyStateView, StateView } from '../../../src-main/common/views'
import { aggregateExpression, pythonHover } from '../../../src-renderer/src/monaco/python-hover'

const SOURCE = `class Sessionizer(KeyedProcessFunction):
    def open(self, ctx):
        self.start = ctx.get_state(
            ValueStateDescriptor("session_start", Types.LONG())
        )
        self.pages = ctx.get_list_state(ListStateDescriptor("pages", Types.STRING()))
`
const state = (name: string, kind: StateView['kind'], values: unknown[], typeLabel = 'LONG'): StateView =>
  ({ operatorId: 'op', name, kind, typeLabel, ttl: null, entries: values.map((value) => ({ value })) } as unknown as StateView)
const key = (states: StateView[]): { view: KeyStateView; step: number } =>
  ({ view: { operatorId: 'op', key: 'u1', keyStr: '"u1"', keyGroup: 1, states, timers: [] }, step: 3 })

describe('hovering a word of a Python job', () => {
  it('a field holding a state\'s handle, or the state\'s name: its value for the shown key at the step', () => {
    const k = key([state('session_start', 'value', [1708848000000]), state('pages', 'list', ['/a', '/b'], 'LIST<STRING>')])
    expect(pythonHover('start', SOURCE, k)).toEqual(['**session_start** · value · LONG', '`1708848000000` — key "u1" at step 3'])
    expect(pythonHover('session_start', SOURCE, k)?.[1]).toBe('`1708848000000` — key "u1" at step 3')
    expect(pythonHover('pages', SOURCE, k)?.[1]).toBe('`["/a","/b"]` — key "u1" at step 3')
    expect(pythonHover('start', SOURCE, key([state('session_start', 'value', [])]))?.[1]).toBe('`(empty)` — key "u1" at step 3')
  })

  // It showed the JSON the engine keeps (["/a","/b"], null, 1708848120): a Python job's view carries Python's repr.
  it("a state's value in Python's repr where the key's view has it", () => {
    const pages = { ...state('pages', 'list', ['/a', null], 'LIST<STRING>'), pythonText: "['/a', None]" }
    const at = { ...state('session_start', 'value', [1708848120]), pythonText: '1708848120.0' }
    expect(pythonHover('pages', SOURCE, key([pages]))?.[1]).toBe("`['/a', None]` — key \"u1\" at step 3")
    expect(pythonHover('start', SOURCE, key([at]))?.[1]).toBe('`1708848120.0` — key "u1" at step 3')
  })

  it('a pyflink name: its signature and doc; another word: nothing', () => {
    expect(pythonHover('ValueStateDescriptor', SOURCE, null)).toEqual(['`ValueStateDescriptor(name: str, value_type_info: TypeInformation)`', 'Describes a ValueState (name and type).'])
    expect(pythonHover('register_event_time_timer', SOURCE, null)?.[0]).toBe('`TimerService.register_event_time_timer(timestamp: int)`')
    expect(pythonHover('start', SOURCE, null)).toBeNull()
    expect(pythonHover('foo', SOURCE, key([]))).toBeNull()
  })
})

// An AggregatingState's hover showed the accumulator the key detail shows ([3.0, 2]) where the job's self.total.get()
// reads the aggregate's get_result of it (3.0): the hover asks the session for what get() returns (a watch of the
// state's name, which runs get_result under the watchdog) and shows the accumulator below it.
describe("hovering an AggregatingState of a Python job", () => {
  const AGG = `class Totals(KeyedProcessFunction):
    def open(self, rc):
        self.total = rc.get_aggregating_state(AggregatingStateDescriptor("total", Sum(), Types.TUPLE([Types.DOUBLE(), Types.LONG()])))
        self.odd = rc.get_aggregating_state(AggregatingStateDescriptor("odd name", Sum()))
`
  const total = { ...state('total', 'aggregating', [[3, 2]], 'TUPLE<DOUBLE, LONG>'), pythonText: '(3.0, 2)' }
  const odd = state('odd name', 'aggregating', [[1, 1]], 'JSON')

  it('says what get() returns, from the session, and the accumulator as a detail', () => {
    expect(pythonHover('total', AGG, key([total]), '3.0')).toEqual([
      '**total** · aggregating · TUPLE<DOUBLE, LONG>', '`3.0` — `get()` for key "u1" at step 3', 'accumulator: `(3.0, 2)`'])
    // The session could not say (a run in progress, a raise): the accumulator, named as such, never as get()'s value.
    expect(pythonHover('total', AGG, key([total]))).toEqual([
      '**total** · aggregating · TUPLE<DOUBLE, LONG>', 'accumulator: `(3.0, 2)` — key "u1" at step 3'])
    expect(pythonHover('total', AGG, key([{ ...total, entries: [] }]))?.[1]).toBe('`(empty)` — key "u1" at step 3')
  })

  it('asks the session for the expression that reads get(): the name, or the field holding the handle', () => {
    expect(aggregateExpression('total', AGG, key([total]))).toEqual({ operatorId: 'op', keyStr: '"u1"', expression: 'total' })
    expect(aggregateExpression('odd', AGG, key([odd]))?.expression).toBe('self.odd.get()')
    // A name that is no Python name, hovered in its string, has no expression; nor has an empty state or another kind.
    expect(aggregateExpression('name', AGG, key([odd]))).toBeNull()
    expect(aggregateExpression('total', AGG, key([{ ...total, entries: [] }]))).toBeNull()
    expect(aggregateExpression('start', SOURCE, key([state('session_start', 'value', [1])]))).toBeNull()
    expect(aggregateExpression('total', AGG, null)).toBeNull()
  })
})
