// What a trace or a finding calls the job's methods and values in the job's own language (common/job-dialect.ts).
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { contextRead, jobLanguageOf, literal, stateMethod, timerMethod } from '../../../src-main/common/job-dialect'

describe('job dialect', () => {
  it('knows a Python job by its file name', () => {
    expect(jobLanguageOf('/x/sessionizer-seed.py')).toBe('python')
    expect(jobLanguageOf('JOB.PY')).toBe('python')
    expect(jobLanguageOf('/x/sessionizer-seed.ts')).toBe('typescript')
    expect(jobLanguageOf('/x/job.js')).toBe('typescript')
  })

  it('names timer, state and context calls as PyFlink does for a Python job, as the TypeScript API does otherwise', () => {
    expect(timerMethod('python', 'delete', 'EVENT_TIME')).toBe('delete_event_time_timer')
    expect(timerMethod('python', 'register', 'PROCESSING_TIME')).toBe('register_processing_time_timer')
    expect(timerMethod('typescript', 'delete', 'EVENT_TIME')).toBe('deleteEventTimeTimer')
    expect(['value', 'update', 'addAll', 'putAll', 'isEmpty', 'entries'].map((m) => stateMethod('python', m)))
      .toEqual(['value', 'update', 'add_all', 'put_all', 'is_empty', 'items'])
    expect(stateMethod('typescript', 'addAll')).toBe('addAll')
    expect(contextRead('python', 'currentKey')).toBe('ctx.get_current_key()')
    expect(contextRead('python', 'watermark')).toBe('timer_service().current_watermark()')
    expect(contextRead('typescript', 'watermark')).toBe('timerService().currentWatermark()')
  })

  it('writes null, true and false as None, True and False for Python, and never inside a string', () => {
    expect(literal('python', JSON.stringify({ a: null, b: [true, false], c: 'null true', 'd"null': 1 })))
      .toBe('{"a":None,"b":[True,False],"c":"null true","d\\"null":1}')
    expect(literal('typescript', 'null')).toBe('null')
  })

  it('gives a Python literal that Python would read back as the value (any JSON value)', () => {
    // Read back with JSON.parse after undoing the three words: nothing but them may change.
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      const json = JSON.stringify(v)
      const py = literal('python', json)
      const back = py.replace(/"(?:[^"\\]|\\.)*"|\b(None|True|False)\b/g, (m, w: string | undefined) =>
        w === undefined ? m : w === 'None' ? 'null' : w === 'True' ? 'true' : 'false')
      expect(back).toBe(json)
      expect(py.replace(/"(?:[^"\\]|\\.)*"/g, '')).not.toMatch(/\b(null|true|false)\b/)
    }))
  })
})
