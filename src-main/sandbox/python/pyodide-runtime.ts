// Python for jobs: one Pyodide (CPython in WebAssembly, offline) per thread, loaded once and kept warm, with
// Riffle's pyflink package and bridge (python/ at the repository root) installed in its file system.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadPyodide, type PyodideAPI } from 'pyodide'
import { RiffleError } from '../../common/errors'

/** Where the Python sources live inside Pyodide's file system (first on sys.path). */
const PY_ROOT = '/riffle/python'

let loading: Promise<PyodideAPI> | null = null
let interrupt: Int32Array | null = null

/**
 * The shared slot the owning thread writes 2 (SIGINT) into to interrupt this thread's Python: the watchdog's
 * way to learn where a runaway Python loop is (the KeyboardInterrupt's traceback names the job's line).
 * Set before Python loads (session-worker.ts).
 */
export function setPythonInterrupt(buffer: Int32Array): void { interrupt = buffer }

/** This thread's Pyodide; the first call starts loading it (seconds), later calls share it. */
export function pythonRuntime(): Promise<PyodideAPI> {
  loading ??= load().catch((e: unknown) => {
    loading = null
    throw new RiffleError('INTERNAL', `Python (Pyodide) could not be loaded: ${e instanceof Error ? e.message : String(e)}`)
  })
  return loading
}

/** True once pythonRuntime() was asked for (a thread that ran a Python job is worth keeping warm). */
export function pythonRequested(): boolean { return loading !== null }

async function load(): Promise<PyodideAPI> {
  const py = await loadPyodide({
    convertNullToNone: true,
    // A job's print() goes to standard error: standard output may be the run's --out.
    stdout: (line: string) => { process.stderr.write(`${line}\n`) },
    stderr: (line: string) => { process.stderr.write(`${line}\n`) },
  })
  if (interrupt !== null) py.setInterruptBuffer(interrupt)
  const dir = pythonSourceDir()
  for (const file of pythonFiles(dir)) {
    const target = `${PY_ROOT}/${relative(dir, file)}`
    py.FS.mkdirTree(dirname(target))
    py.FS.writeFile(target, readFileSync(file, 'utf8'))
  }
  py.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(PY_ROOT)})\nimport _riffle, pyflink.datastream, pyflink.common`)
  return py
}

function pythonFiles(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) { if (name !== '__pycache__') out.push(...pythonFiles(p)) } else if (name.endsWith('.py')) out.push(p)
  }
  return out
}

/**
 * The python/ folder: beside the sources (tests), above the built bundles (.riffle-build/, out/main/), or among
 * the packaged app's resources (electron-builder's extraResources).
 */
export function pythonSourceDir(): string {
  const candidates: string[] = []
  if (process.env.RIFFLE_PYTHON_DIR !== undefined) candidates.push(process.env.RIFFLE_PYTHON_DIR)
  let here = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 5; i++) {
    candidates.push(join(here, 'python'))
    here = dirname(here)
  }
  const resources = (process as { resourcesPath?: string }).resourcesPath
  if (resources !== undefined) candidates.push(join(resources, 'python'))
  const found = candidates.find((c) => existsSync(join(c, 'pyflink', '__init__.py')))
  if (found === undefined) throw new Error(`Riffle's pyflink package was not found (looked in ${candidates.map((c) => resolve(c)).join(', ')})`)
  return found
}
