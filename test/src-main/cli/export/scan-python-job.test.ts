// riffle export's static look at a Python job: the job(events) it finds, the notes it lists (kind and line), and
// that words inside strings, docstrings and comments never count.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { logicalLines, tokenizePython } from '../../../../src-main/cli/export/python-tokens'
import { scanPythonJob } from '../../../../src-main/cli/export/scan-python-job'

const fixture = (name: string): string => readFileSync(join(__dirname, 'fixtures', name), 'utf8')
const kinds = (src: string): [string, number | null][] => scanPythonJob(src).notes.map((n) => [n.kind, n.line])

describe('python-tokens', () => {
  it('drops comments, keeps strings whole (prefixes, triple quotes, escapes) and counts lines through them', () => {
    const src = [
      "x = rb'a\\'#' # out.collect",
      'doc = """line one',
      "def process_element(self, value, ctx, out): '''",
      '"""',
      "y = f'{x}' + u\"\\\"\" + R'\\'",
      'z = 1.5e3',
    ].join('\n')
    const t = tokenizePython(src)
    expect(t.filter((k) => k.kind === 'string').map((k) => [k.text, k.line])).toEqual([
      ["rb'a\\'#'", 1], ['"""line one\ndef process_element(self, value, ctx, out): \'\'\'\n"""', 2], ["f'{x}'", 5], ['u"\\""', 5], ["R'\\'", 5],
    ])
    expect(t.some((k) => k.text === 'collect' || k.text === 'def')).toBe(false)
    expect(t.find((k) => k.text === 'z')).toMatchObject({ line: 6, column: 1 })
    expect(t.find((k) => k.kind === 'number' && k.line === 6)?.text).toBe('1.5e3')
  })

  it('one logical line across brackets and backslash joins, with the indentation of its first line', () => {
    const src = 'class A:\n    def f(self,\n          a,\n          b):  # comment\n        return a + \\\n            b\n\n    # only a comment\nx = [1,\n2]\n'
    const lines = logicalLines(tokenizePython(src))
    expect(lines.map((l) => [l[0].text, l[0].line, l[0].indent, l.length])).toEqual([
      ['class', 1, 0, 3], ['def', 2, 4, 10], ['return', 5, 8, 4], ['x', 9, 0, 7],
    ])
    expect(lines[1].every((t) => t.indent === 4)).toBe(true)
  })
})

describe('scanPythonJob', () => {
  it('the seed sessionizer: job(events) and the out.collect form of process_element and on_timer, at their lines', () => {
    const scan = scanPythonJob(fixture('sessionizer-seed.py'))
    expect(scan.job).toEqual({ line: 52, params: ['events'] })
    expect(kinds(fixture('sessionizer-seed.py'))).toEqual([['out-collect', 21], ['out-collect', 35]])
  })

  it('a portable job: nothing to note', () => {
    expect(kinds(fixture('portable-late-events.py'))).toEqual([])
  })

  it('a job with what only Riffle has: each kind at its line, none from the comment or the string that mention them', () => {
    expect(kinds(fixture('riffle-only-dedup.py'))).toEqual([
      ['random', 5], ['wall-clock', 6], ['time-removed', 9], ['event-time-ttl', 22], ['ttl-wall-clock', 25],
      ['side-output-tag', 27], ['processing-time', 34], ['wall-clock', 35],
    ])
  })

  it('out.collect form written over several lines, with annotations and defaults, and async hooks', () => {
    const src = [
      'class F(KeyedProcessFunction):',
      '    def process_element(',
      '            self,',
      '            value: dict,',
      '            ctx: "KeyedProcessFunction.Context",',
      '            out=None):',
      '        pass',
      '',
      '    async def on_timer(self, ts, ctx, *out):',
      '        pass',
      '',
      '    def process_element2(self, value, ctx, out):',
      '        pass',
      '',
      'def process_element(a, b, c, d):',
      '    pass',
      '',
      'def job(events, *rest):',
      '    return events',
    ].join('\n')
    expect(kinds(src).filter(([k]) => k === 'out-collect')).toEqual([['out-collect', 2], ['out-collect', 9]])
    expect(scanPythonJob(src).job).toEqual({ line: 18, params: ['events', '*rest'] })
  })

  it('finds no job in a method, a nested function, a string or a differently named function', () => {
    const src = 'class A:\n    def job(self, events):\n        pass\n\ndef outer():\n    def job(events):\n        return events\n\nS = """\ndef job(events):\n"""\ndef jobs(events):\n    pass\n'
    expect(scanPythonJob(src).job).toBeNull()
  })

  it('Riffle-only and 1.x imports in every form', () => {
    const src = [
      'import riffle',
      'from riffle.api import x',
      'from pyflink.common.time import Duration, Time as T',
      'from pyflink.common import (Duration,',
      '                            Time)',
      'import os, random as rnd',
      'from pyflink.common import Types  # Time',
      'def job(events):',
      '    return events.assign_timestamps_and_watermarks(s)',
    ].join('\n')
    expect(kinds(src)).toEqual([['riffle-only', 1], ['riffle-only', 2], ['time-removed', 3], ['time-removed', 4], ['random', 6]])
  })

  it('state of Types.PICKLED_BYTE_ARRAY() or of no declared type: Riffle keeps it as JSON where PyFlink pickles it, noted at each descriptor', () => {
    // Riffle reads (1, 3.0) back from such a state as [1, 3]; PyFlink as (1, 3.0) (docs/python-jobs.md).
    const src = [
      'from pyflink.common import Types',
      'tag = OutputTag("t", Types.PICKLED_BYTE_ARRAY())',
      'class F(KeyedProcessFunction):',
      '    def open(self, rc):',
      '        self.a = rc.get_state(ValueStateDescriptor("a", Types.PICKLED_BYTE_ARRAY()))',
      '        self.b = rc.get_state(ValueStateDescriptor("b"))',
      '        self.c = rc.get_state(ValueStateDescriptor("c", Types.LONG()))',
      '        self.d = rc.get_list_state(ListStateDescriptor(',
      '            "d", Types.TUPLE([Types.STRING(), Types.DOUBLE()])))',
      '        self.e = rc.get_map_state(MapStateDescriptor("e", Types.STRING(), Types.PICKLED_BYTE_ARRAY()))',
      '        self.f = rc.get_reducing_state(ReducingStateDescriptor("f", lambda a, b: a + b))',
      '        self.g = rc.get_reducing_state(ReducingStateDescriptor("g", lambda a, b: a + b, Types.DOUBLE()))',
      '        self.h = rc.get_aggregating_state(AggregatingStateDescriptor("h", Avg(), state_type_info=Types.TUPLE([Types.DOUBLE(), Types.LONG()])))',
      '        self.i = rc.get_aggregating_state(AggregatingStateDescriptor("i", Avg()))',
      '        self.j = rc.get_state(ValueStateDescriptor(name="j", value_type_info=Types.STRING()))',
      'def job(events):',
      '    return events.assign_timestamps_and_watermarks(s)',
    ].join('\n')
    expect(kinds(src)).toEqual([['json-state', 5], ['json-state', 6], ['json-state', 10], ['json-state', 11], ['json-state', 14]])
    const note = scanPythonJob(src).notes[0]
    expect(note).toMatchObject({ severity: 'differs' })
    expect(note.message).toMatch(/^ValueStateDescriptor "a" of Types\.PICKLED_BYTE_ARRAY\(\): Riffle keeps this state as JSON, PyFlink pickles it/)
    expect(scanPythonJob(src).notes[1].message).toMatch(/^ValueStateDescriptor "b" of no declared type: /)
  })

  it('a map, flat_map or process without output_type whose values a later operator of the chain reads: JSON in Riffle, pickled on Flink', () => {
    // Riffle hands the next operator (1, 3.0) as [1, 3]; PyFlink pickles an undeclared output_type (docs/python-jobs.md).
    // The last operator's values are printed alike by both (riffle run --out's JSON lines): no note for it.
    const src = [
      'def job(events):',
      '    pairs = (events.map(lambda e: (e["u"], e["ts"] / 1000))',
      '             .key_by(lambda t: t[0]))',
      '    typed = events.map(lambda e: (e["u"], 1.0), output_type=Types.TUPLE([Types.STRING(), Types.DOUBLE()])).filter(lambda t: t[1] > 0)',
      '    named = events.flat_map(split).name("split").uid("s").process(Count())',
      '    positional = events.map(lambda e, f=1: (e, f), Types.TUPLE([Types.STRING(), Types.INT()])).key_by(lambda t: t[0])',
      '    return events.assign_timestamps_and_watermarks(s).key_by(lambda e: e["u"]).process(Count()).name("count")',
    ].join('\n')
    expect(kinds(src)).toEqual([['json-between-operators', 2], ['json-between-operators', 5]])
    const note = scanPythonJob(src).notes[0]
    expect(note).toMatchObject({ severity: 'differs' })
    expect(note.message).toMatch(/^map\(\.\.\.\) declares no output_type, and key_by reads its values: /)
  })

  it('a job without a timestamp assigner gets a note about the whole job (line null)', () => {
    expect(kinds('def job(events):\n    return events.key_by(lambda e: e)\n')).toEqual([['no-timestamps', null]])
  })

  it('a function as the timestamp assigner (a lambda, or a def) fails on Flink, which calls its extract_timestamp; an instance does not', () => {
    // PyFlink's assign_timestamps_and_watermarks reads timestamp_assigner.extract_timestamp: a function has none.
    const src = [
      'from pyflink.common import WatermarkStrategy',
      'def ts_of(e, t):',
      '    return e["ts"]',
      'ASSIGNER = EventTime()',
      'def job(events):',
      '    a = events.assign_timestamps_and_watermarks(WatermarkStrategy.for_monotonous_timestamps().with_timestamp_assigner(lambda e, t: e["ts"]))',
      '    b = events.assign_timestamps_and_watermarks(WatermarkStrategy.no_watermarks().with_timestamp_assigner(ts_of))',
      '    c = events.assign_timestamps_and_watermarks(WatermarkStrategy.no_watermarks().with_timestamp_assigner(',
      '        ASSIGNER))',
      '    return events.assign_timestamps_and_watermarks(WatermarkStrategy.no_watermarks().with_timestamp_assigner(EventTime()))',
    ].join('\n')
    expect(kinds(src)).toEqual([['assigner-function', 6], ['assigner-function', 7]])
    expect(scanPythonJob(src).notes[0]).toMatchObject({ severity: 'fails' })
    expect(scanPythonJob(src).notes[0].message).toContain('extract_timestamp')
  })
})

