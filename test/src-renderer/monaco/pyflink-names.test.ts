// The Python editor's completion table (pyflink-names.ts) held against the contract's list of the names Riffle's
// pyflink provides (a verbatim copy: api-1b-python-names.md), and what the editor offers where (pyflink-completions.ts).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pyflinkCompletions } from '../../../src-renderer/src/monaco/pyflink-completions'
import { PYFLINK_NAMES } from '../../../src-renderer/src/monaco/pyflink-names'

/** Every identifier the contract's list names in backticks (`register_/delete_x` is two names). */
function contractNames(): Set<string> {
  const text = readFileSync(join(__dirname, 'api-1b-python-names.md'), 'utf8').replace(/<!--[\s\S]*?-->/, '')
  const spans = [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1].replace(/(\w+?)_\/(\w+?)_(\w+)/g, '$1_$3 $2_$3'))
  // Parameter and variable names in the prose's examples are not API names.
  const placeholders = new Set(['runtime_context', 'value', 'ctx', 'timestamp', 't', 'k', 'v', 'cfg', 'id', 'type', 'tag',
    'stream', 'descriptor', 'self', 'out', 'x', 'yield', 'flink', 'python', 'pyflink', 'export'])
  return new Set(spans.flatMap((s) => s.match(/[A-Za-z_]\w*/g) ?? []).filter((n) => !placeholders.has(n)))
}

describe('the pyflink completion table', () => {
  it('has every name of the contract\'s list', () => {
    const expected = contractNames()
    expect(expected.size).toBeGreaterThan(60)
    const table = new Set(PYFLINK_NAMES.map((n) => n.name))
    expect([...expected].filter((n) => !table.has(n))).toEqual([])
  })

  it('has the five descriptors, Time\'s five units, and each state kind\'s methods under its own class', () => {
    expect(PYFLINK_NAMES.filter((n) => n.kind === 'class' && n.name.endsWith('StateDescriptor')).map((n) => n.name)).toHaveLength(5)
    expect(PYFLINK_NAMES.filter((n) => n.owner === 'Time').map((n) => n.name)).toEqual(['milliseconds', 'seconds', 'minutes', 'hours', 'days'])
    const of = (owner: string): string[] => PYFLINK_NAMES.filter((n) => n.owner === owner).map((n) => n.name).sort()
    expect(of('ValueState')).toEqual(['clear', 'update', 'value'])
    expect(of('ListState')).toEqual(['add', 'add_all', 'clear', 'get', 'update'])
    expect(of('MapState')).toEqual(['clear', 'contains', 'get', 'is_empty', 'items', 'keys', 'put', 'put_all', 'remove', 'values'])
    expect(of('ReducingState')).toEqual(['add', 'clear', 'get'])
    expect(of('AggregateFunction')).toEqual(['add', 'create_accumulator', 'get_result', 'merge'])
  })

  it('gives every entry a signature naming it and a one-line doc; classes say their module, methods their class', () => {
    for (const n of PYFLINK_NAMES) {
      expect(n.signature, n.name).toContain(n.name)
      expect(n.doc.length, n.name).toBeGreaterThan(5)
      expect(n.doc, n.name).not.toContain('\n')
      if (n.kind === 'class') expect(PYFLINK_NAMES.some((m) => m.kind === 'module' && m.name === n.module), `${n.name}'s module ${n.module}`).toBe(true)
      if (n.kind === 'method' || n.kind === 'constant') expect(n.owner, n.name).toBeTruthy()
    }
    const keys = PYFLINK_NAMES.map((n) => `${n.owner ?? n.module ?? ''}.${n.name}`)
    expect(new Set(keys).size).toBe(keys.length)
  })
})

describe('pyflinkCompletions', () => {
  const names = (line: string): string[] => pyflinkCompletions(line).map((n) => n.name)

  it('after `from MODULE import`: that module\'s names, also further along an import list', () => {
    expect(names('from pyflink.datastream.state import ').sort()).toEqual(
      ['AggregatingState', 'AggregatingStateDescriptor', 'ListState', 'ListStateDescriptor', 'MapState', 'MapStateDescriptor',
        'ReducingState', 'ReducingStateDescriptor', 'StateTtlConfig', 'ValueState', 'ValueStateDescriptor'])
    expect(names('from pyflink.common import Duration, Wat')).toEqual(expect.arrayContaining(['Duration', 'WatermarkStrategy', 'Types', 'Time']))
    expect(names('from pyflink.common import Duration, Wat')).not.toContain('KeyedProcessFunction')
  })

  it('after `import` or `from`: the modules', () => {
    expect(names('from pyflink.data')).toContain('pyflink.datastream.functions')
    expect(names('import ').every((n) => n.startsWith('pyflink'))).toBe(true)
  })

  it('after a known class and a dot: its own members; after any other object: every method once', () => {
    expect(names('        t = Types.').slice(0, 9)).toEqual(['LONG', 'INT', 'DOUBLE', 'FLOAT', 'STRING', 'BOOLEAN', 'LIST', 'MAP', 'PICKLED_BYTE_ARRAY'])
    expect(names('WatermarkStrategy.for_')).toContain('for_bounded_out_of_orderness')
    const anyObject = names('        helper(value).')
    expect(anyObject).toEqual(expect.arrayContaining(['register_event_time_timer', 'timestamp', 'get_state', 'value']))
    expect(new Set(anyObject).size).toBe(anyObject.length)
    expect(names('        self.count.')).toContain('update')
  })

  it('elsewhere: the classes, with their signatures', () => {
    const items = pyflinkCompletions('        self.start = runtime_context.get_state(Val')
    expect(items.every((n) => n.kind === 'class')).toBe(true)
    expect(items.find((n) => n.name === 'ValueStateDescriptor')?.signature).toBe('ValueStateDescriptor(name: str, value_type_info: TypeInformation)')
  })
})
