// Hovering a word of a Python job showed nothing at all: not a pyflink name's signature, nor, paused at a step, a
// state's value (VS Code's Python debugger shows a variable's value on hover). python-hover.ts gives both.
import { describe, expect, it } from 'vitest'
import type { KeyStateView, StateView } from '../../../src-main/common/views'
import { pythonHover } from '../../../src-renderer/src/monaco/python-hover'

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
