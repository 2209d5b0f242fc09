// The Examples menu's grouping: each example once, with its TypeScript and Python twins side by side (the files
// share a name and differ in extension), titled by the TypeScript twin's first comment line when there is one.
import type { ExampleInfo } from '@common/contract'
import { jobLanguage } from './monaco/job-language'

export interface ExampleGroup {
  /** The file name without its extension, e.g. "sessionizer-seed". */
  name: string
  title: string
  /** One entry per language, TypeScript first. */
  files: { language: 'TypeScript' | 'Python'; name: string; path: string }[]
}

export function groupExamples(examples: readonly ExampleInfo[]): ExampleGroup[] {
  const groups = new Map<string, ExampleGroup>()
  for (const ex of examples) {
    const name = ex.name.replace(/\.[^.]+$/, '')
    const python = jobLanguage(ex.name) === 'python'
    let g = groups.get(name)
    if (g === undefined) { g = { name, title: ex.title, files: [] }; groups.set(name, g) }
    if (!python) g.title = ex.title
    g.files.push({ language: python ? 'Python' : 'TypeScript', name: ex.name, path: ex.path })
  }
  for (const g of groups.values()) g.files.sort((a, b) => (a.language === b.language ? a.name.localeCompare(b.name) : a.language === 'TypeScript' ? -1 : 1))
  return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name))
}
