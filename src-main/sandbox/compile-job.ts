// Compiles a job module (TypeScript or JavaScript) with esbuild into one CommonJS function body with
// a source map; `import ... from 'riffle'` stays external and is bound to the engine's API at load.
import { build, type Message } from 'esbuild'
import { readFileSync } from 'node:fs'
import { basename, dirname, extname, resolve } from 'node:path'
import { RiffleError } from '../common/errors'
import { shownPath } from '../common/shown-path'
import { usingEsbuild } from './esbuild-use'
import { checkJobFile, checkJobFileText } from './job-file-check'
import { guardLoops } from './loop-guard-instrument'
import { pythonInTypeScriptMessage } from './python-in-typescript'

export interface CompiledJob {
  /** Absolute path of the job file (or the name the editor gave an unsaved buffer). */
  path: string
  code: string
  /** The v3 source map of `code`. */
  sourceMap: string
}

/** What compileJob takes (a .py job loads through Pyodide instead: load-job-file.ts). */
const JOB_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs']

export async function compileJob(jobPath: string, source?: string): Promise<CompiledJob> {
  const path = resolve(jobPath)
  if (source === undefined) checkJobFile(jobPath)
  const ext = extname(path).toLowerCase()
  // esbuild picks a file's loader by its extension: job.txt would load as a text module whose default
  // export is a string, and the job be refused for not exporting a function.
  if (!JOB_EXTENSIONS.includes(ext)) {
    throw new RiffleError('BAD_ARGUMENT', `${jobPath}: a job is a TypeScript (.ts), JavaScript (.js) or Python (.py) module, not ${ext === '' ? 'a file without an extension' : `a ${ext} file`}`,
      { where: { file: jobPath, line: 0 } })
  }
  const loader = ext === '.js' || ext === '.mjs' || ext === '.cjs' ? 'js' : 'ts'
  try {
    const result = await usingEsbuild(() => build({
      ...(source === undefined
        // esbuild's own loaders are by lower-case extension: JOB.TS failed with "No loader is configured for .TS".
        ? { entryPoints: [path], loader: { [extname(path)]: loader } }
        : { stdin: { contents: source, sourcefile: path, resolveDir: dirname(path), loader } }),
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      sourcemap: 'external',
      sourcesContent: true,
      outfile: `${basename(path)}.js`,
      external: ['riffle'],
      logLevel: 'silent',
      // Its inputs: the modules the job imports are checked for UTF-8 as the job file is (esbuild reads U+FFFD).
      metafile: true,
      // Class fields as assignments, so `start!: ValueState<number>` does not reset what open() set.
      tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
    }))
    const js = result.outputFiles.find((f) => f.path.endsWith('.js'))
    const map = result.outputFiles.find((f) => f.path.endsWith('.map'))
    if (js === undefined || map === undefined) throw new Error('esbuild produced no output')
    for (const input of Object.keys(result.metafile.inputs)) {
      const file = resolve(input)
      if (!input.startsWith('<') && file !== path) checkJobFileText(shownPath(file), readFileSync(file))
    }
    // Every loop checks the watchdog's interrupt (job-interrupt.ts), so a runaway stops inside the job's thread.
    const guarded = guardLoops(js.text, map.text)
    return { path, code: guarded.code, sourceMap: guarded.sourceMap }
  } catch (e) {
    const errors = (e as { errors?: Message[] }).errors
    if (errors !== undefined && errors.length > 0) {
      // Python in a .ts file fails at its first line with esbuild's `Expected ";"`: say it is Python, and where it goes.
      const python = pythonInTypeScriptMessage(basename(path), source ?? readSource(path))
      if (python !== null) throw new RiffleError('JOB_COMPILE', `the job does not compile:\n${python.message}`, { where: { file: path, line: python.line, column: 1 } })
      const first = errors[0]
      const loc = first.location
      // esbuild names files relative to its working directory (the process's cwd), not the job's folder.
      const where = loc ? { file: loc.file ? resolve(loc.file) : path, line: loc.line, column: loc.column + 1 } : { file: path, line: 0 }
      const text = errors.map((m) => `${m.location ? `${shownPath(resolve(m.location.file))}:${m.location.line}:${m.location.column + 1}: ` : ''}${m.text}`).join('\n')
      throw new RiffleError('JOB_COMPILE', `the job does not compile:\n${text}`, { where })
    }
    throw e
  }
}

/** The job file's text, for the compile error's words ('' when it cannot be read: esbuild's own error then stands). */
function readSource(path: string): string {
  try { return readFileSync(path, 'utf8') } catch { return '' }
}
