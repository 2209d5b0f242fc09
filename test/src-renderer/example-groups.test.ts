// The Examples menu's grouping (TypeScript and Python twins of one example together) and the job-language rule
// (by extension) it shares with the editor.
import { describe, expect, it } from 'vitest'
import { groupExamples } from '../../src-renderer/src/example-groups'
import { jobLanguage, modelFileName } from '../../src-renderer/src/monaco/job-language'

const ex = (name: string, title = name): { name: string; path: string; title: string } => ({ name, path: `/x/${name}`, title })

describe('groupExamples', () => {
  it('one group per example, TypeScript before Python, titled by the TypeScript twin; a lone file is its own group', () => {
    const groups = groupExamples([ex('b.py', 'py title'), ex('a.ts', 'A'), ex('b.ts', 'ts title'), ex('c.py', 'C in Python'), ex('a.js', 'A js')])
    expect(groups.map((g) => [g.name, g.title, g.files.map((f) => `${f.name}:${f.language}`)])).toEqual([
      ['a', 'A js', ['a.js:TypeScript', 'a.ts:TypeScript']],
      ['b', 'ts title', ['b.ts:TypeScript', 'b.py:Python']],
      ['c', 'C in Python', ['c.py:Python']],
    ])
  })
})

describe('jobLanguage and modelFileName', () => {
  it('a .py file is Python and keeps its name; TS/JS files are edited as .ts', () => {
    expect(['/w/job.py', 'JOB.PY', 'a.ts', 'b.js', 'c.mjs', ''].map(jobLanguage)).toEqual(['python', 'python', 'typescript', 'typescript', 'typescript', 'typescript'])
    expect(['/w/x/job.py', 'C:\\w\\s.ts', '/w/b.js', '/w/c.mjs', ''].map(modelFileName)).toEqual(['job.py', 's.ts', 'b.ts', 'c.ts', 'job.ts'])
  })
})
