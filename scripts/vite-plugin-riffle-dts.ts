// Vite plugin: compiles the job API (src-main/engine/api) to .d.ts files with the TypeScript compiler and
// serves them as the virtual module `virtual:riffle-dts`, so Monaco gets the real `riffle` types for
// IntelliSense and type errors, in both the production build and the dev server.
import { resolve, relative, sep } from 'node:path'
import ts from 'typescript'
import type { Plugin } from 'vite'

const VIRTUAL_ID = 'virtual:riffle-dts'
const RESOLVED_ID = '\0' + VIRTUAL_ID

/**
 * Emits declarations for every file reachable from the API's index (some live outside api/, e.g. the state
 * interfaces), relative to `rootDir`; returns file name → content, plus `package.json` whose `types` names
 * the index, so `import ... from 'riffle'` resolves under node_modules/riffle/.
 */
export function emitRiffleDeclarations(apiDir: string, rootDir: string = resolve(apiDir, '../..')): Record<string, string> {
  const files: Record<string, string> = {}
  const options: ts.CompilerOptions = {
    declaration: true, emitDeclarationOnly: true, skipLibCheck: true, strict: true,
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts'], types: [], rootDir, outDir: '/riffle-dts',
  }
  const host = ts.createCompilerHost(options)
  host.writeFile = (fileName, text) => {
    files[relative('/riffle-dts', fileName).split(sep).join('/')] = text
  }
  const program = ts.createProgram([resolve(apiDir, 'index.ts')], options, host)
  const result = program.emit(undefined, undefined, undefined, true)
  const errors = ts.getPreEmitDiagnostics(program).concat(result.diagnostics)
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
  if (errors.length > 0) {
    throw new Error('riffle .d.ts generation failed:\n' + ts.formatDiagnostics(errors, {
      getCanonicalFileName: (f) => f, getCurrentDirectory: () => apiDir, getNewLine: () => '\n',
    }))
  }
  const index = relative(rootDir, resolve(apiDir, 'index.d.ts')).split(sep).join('/')
  files['package.json'] = JSON.stringify({ name: 'riffle', types: index })
  return files
}

export function riffleDts(apiDir: string): Plugin {
  return {
    name: 'riffle-dts',
    resolveId(id) { return id === VIRTUAL_ID ? RESOLVED_ID : undefined },
    load(id) {
      if (id !== RESOLVED_ID) return undefined
      const files = emitRiffleDeclarations(apiDir)
      const root = resolve(apiDir, '../..')
      for (const name of Object.keys(files)) {
        if (name.endsWith('.d.ts')) this.addWatchFile(resolve(root, name.replace(/\.d\.ts$/, '.ts')))
      }
      return `export default ${JSON.stringify(files)}`
    },
  }
}
