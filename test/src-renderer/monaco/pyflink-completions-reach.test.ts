// What the Python editor offers where a PyFlink user types, held against Riffle's own pyflink package (python/pyflink):
// `from pyflink.datastream import ` offered 3 names (DataStream, KeyedStream, TimeDomain) where the package gives
// KeyedProcessFunction, OutputTag, RuntimeContext and 12 more; `Types.` 9 of its 23 (no ROW, ROW_NAMED, TUPLE, BYTE);
// and `ctx.timer_service().` or `self.session_start.` every method of every class (ListState's add, DataStream's
// assign_timestamps_and_watermarks, Types' BOOLEAN) instead of a TimerService's or a ValueState's.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pyflinkCompletions } from '../../../src-renderer/src/monaco/pyflink-completions'

const PY = join(import.meta.dirname, '../../../python/pyflink')
const allOf = (file: string): string[] => JSON.parse(/__all__ = (\[[\s\S]*?\])/.exec(readFileSync(join(PY, file), 'utf8'))![1]!.replace(/\s+/g, ' ')) as string[]
const names = (line: string, source?: string): string[] => pyflinkCompletions(line, undefined, source).map((n) => n.name)

describe('the Python editor\'s completion reaches what Riffle\'s pyflink gives', () => {
  it('`from pyflink.datastream import ` and `from pyflink.common import ` offer every name the package exports', () => {
    for (const [module, file] of [['pyflink.datastream', 'datastream/__init__.py'], ['pyflink.common', 'common/__init__.py']] as const) {
      const offered = new Set(names(`from ${module} import `))
      const missing = allOf(file).filter((n) => !offered.has(n) && !['TypeInformation', 'RowTypeInfo', 'RowKind', 'FilterFunction', 'FlatMapFunction', 'KeySelector', 'MapFunction', 'ProcessFunction'].includes(n))
      expect(missing, module).toEqual([])
    }
    expect(names('from pyflink.datastream import KeyedProcessFunction, Out')).toContain('OutputTag')
  })

  it('`Types.` offers every type the package\'s Types has', () => {
    const text = readFileSync(join(PY, 'common/typeinfo.py'), 'utf8')
    const types = [...text.slice(text.indexOf('class Types')).matchAll(/^ {4}([A-Z_]+) = /gm)].map((m) => m[1])
    expect(types.length).toBeGreaterThan(20)
    expect(names('        t = Types.').sort()).toEqual([...types].sort())
  })

  it('`ctx.timer_service().` offers the TimerService\'s methods', () => {
    expect(names('        ctx.timer_service().').sort()).toEqual(['current_processing_time', 'current_watermark', 'delete_event_time_timer',
      'delete_processing_time_timer', 'register_event_time_timer', 'register_processing_time_timer'])
  })

  it('`self.NAME.` offers the methods of the state the job\'s open() made NAME', () => {
    const source = `class S(KeyedProcessFunction):
    def open(self, ctx):
        self.session_start = ctx.get_state(
            ValueStateDescriptor("session_start", Types.LONG()))
        self.pages = ctx.get_list_state(ListStateDescriptor("pages", Types.STRING()))
        self.by_type = runtime_context.get_map_state(d)
`
    expect(names('        if self.session_start.', source).sort()).toEqual(['clear', 'update', 'value'])
    expect(names('        self.pages.', source).sort()).toEqual(['add', 'add_all', 'clear', 'get', 'update'])
    expect(names('        self.by_type.', source)).toContain('put')
    // A field of no known kind: every method once, as before.
    expect(names('        self.other.', source)).toEqual(expect.arrayContaining(['update', 'register_event_time_timer']))
  })
})
