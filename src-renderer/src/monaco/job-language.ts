// A job's language, chosen by its file's extension (one rule for the editor's model, its completion and its tabs):
// `.py` is a Python job (PyFlink's API), anything else TypeScript or JavaScript (the `riffle` module).
export type JobLanguage = 'python' | 'typescript'

export function jobLanguage(path: string): JobLanguage {
  return /\.py$/i.test(path) ? 'python' : 'typescript'
}

/** The editor model's file name: a Python job keeps `.py`; TS/JS jobs are edited as `.ts` (so `riffle` types apply). */
export function modelFileName(path: string): string {
  const base = path.replace(/^.*[\\/]/, '')
  if (jobLanguage(base) === 'python') return base
  if (base === '') return 'job.ts'
  return /\.(ts|mts)$/.test(base) ? base : base.replace(/\.(m?js)$/, '') + '.ts'
}
