// Python for jobs: one Pyodide (CPython in WebAssembly, offline) per thread, loaded once and kept warm, with
// Riffle's pyflink package and bridge (python/ at the repository root) installed in its file system; started from a
// memory snapshot cached on disk when there is one (pyodide-snapshot.ts).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadPyodide, version as pyodideVersion, type PyodideAPI } from 'pyodide'
import { RiffleError } from '../../common/errors'
import { installFastStrings } from './pyodide-fast-strings'
import { jobInterrupt } from '../job-interrupt'
import { dropSnapshot, readSnapshot, snapshotDir, snapshotKey, writeSnapshot } from './pyodide-snapshot'

/** Where the Python sources live inside Pyodide's file system (first on sys.path). */
const PY_ROOT = '/riffle/python'

let loading: Promise<PyodideAPI> | null = null

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

/** What runs once Riffle's files are in place: its package on sys.path and imported (and so in the snapshot). */
const SETUP = `import sys\nsys.path.insert(0, ${JSON.stringify(PY_ROOT)})\nimport _riffle, pyflink.datastream, pyflink.common`

async function load(): Promise<PyodideAPI> {
  const options = {
    convertNullToNone: true,
    // A job's print() goes to standard error: standard output may be the run's --out.
    stdout: (line: string) => { process.stderr.write(`${line}\n`) },
    stderr: (line: string) => { process.stderr.write(`${line}\n`) },
  }
  const dir = pythonSourceDir()
  const files = pythonFiles(dir).map((file) => ({ path: `${PY_ROOT}/${relative(dir, file)}`, text: readFileSync(file, 'utf8') }))
  const cacheDir = snapshotDir()
  const key = snapshotKey(pyodideVersion, SETUP, files)
  const cached = readSnapshot(cacheDir, key)
  if (cached !== null) {
    try {
      const py = await loadPyodide({ ...options, _loadSnapshot: cached })
      // The modules are in the snapshot's memory; the files (JavaScript's in-memory file system) are not, and
      // tracebacks read their lines.
      writeFiles(py, files)
      const interrupt = jobInterrupt()
      if (interrupt !== null) py.setInterruptBuffer(interrupt)
      installFastStrings(py)
      return py
    } catch {
      dropSnapshot(cacheDir, key)
    }
  }
  const py = await loadPyodide({ ...options, _makeSnapshot: cacheDir !== null })
  writeFiles(py, files)
  py.runPython(SETUP)
  // Before any JavaScript object enters Python (a snapshot cannot hold one): the next thread starts from here.
  if (cacheDir !== null) writeSnapshot(cacheDir, key, py.makeMemorySnapshot())
  // The watchdog's interrupt (job-interrupt.ts): a runaway loop raises KeyboardInterrupt at its line.
  const interrupt = jobInterrupt()
  if (interrupt !== null) py.setInterruptBuffer(interrupt)
  installFastStrings(py)
  return py
}

function writeFiles(py: PyodideAPI, files: ReadonlyArray<{ path: string; text: string }>): void {
  for (const f of files) {
    py.FS.mkdirTree(dirname(f.path))
    py.FS.writeFile(f.path, f.text)
  }
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
