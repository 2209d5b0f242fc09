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

