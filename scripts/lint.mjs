// `npm run lint`, and the first stage of `npm test`: three checks, each printed as ok or FAIL, ending with
// "N passed, N failed".
//   1. ESLint over src-main and src-renderer with zero warnings allowed (eslint.config.js: the layer rules,
//      explicit return types on exported functions, no floating promises).
//   2. The rules really fail: each file in test/lint-fixtures/ is put where its `lint-as:` line says, linted
//      with the same config, and must be reported by the rule its `lint-expect:` line names.
//   3. No import cycle (dpdm over every source file, type-only imports included).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { parseCircular, parseDependencyTree } from 'dpdm'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
// typescript-eslint treats a run under CI=true as a single run and never adds files created after its first
// program; the fixtures below are such files, so keep it updating its program wherever the lint runs.
process.env.TSESTREE_SINGLE_RUN = 'false'
let passed = 0
let failed = 0
const report = (ok, what, detail = '') => {
  if (ok) passed++
  else failed++
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail === '' ? '' : `\n${detail}`}`)
}

const eslint = new ESLint({ cwd: root })

// 1. The project itself.
const results = await eslint.lintFiles(['src-main', 'src-renderer'])
const problems = results.reduce((n, r) => n + r.errorCount + r.warningCount, 0)
const text = problems === 0 ? '' : (await eslint.loadFormatter('stylish')).format(results)
report(problems === 0, `eslint: src-main and src-renderer have no errors or warnings (${results.length} files)`, text.trim())

// 2. Each fixture breaks the rule it names, linted in place (type-aware rules need a file in the project).
const fixtures = join(root, 'test/lint-fixtures')
for (const name of readdirSync(fixtures).filter((n) => n.endsWith('.ts')).sort()) {
  const source = readFileSync(join(fixtures, name), 'utf8')
  const as = /^\/\/ lint-as: (\S+)$/m.exec(source)?.[1]
  const rule = /^\/\/ lint-expect: (\S+)$/m.exec(source)?.[1]
  if (as === undefined || rule === undefined) {
    report(false, `lint fixture ${name} names where it is linted (lint-as:) and the rule it breaks (lint-expect:)`)
    continue
  }
  const target = join(root, as)
  mkdirSync(dirname(target), { recursive: true })
  writeFileSync(target, source)
  try {
    const [r] = await new ESLint({ cwd: root }).lintFiles([target])
    const hits = r.messages.filter((m) => m.ruleId === rule && m.severity === 2)
    const others = r.messages.map((m) => `  ${m.line}: ${m.ruleId ?? 'parse'}: ${m.message}`).join('\n')
    report(hits.length > 0, `the lint fails on ${name} (${rule}, as ${as})`, hits.length > 0 ? '' : `  reported instead:\n${others}`)
  } finally {
    rmSync(target, { force: true })
  }
}

// 3. No import cycles, counting `import type` too (a type cycle still ties the modules together).
const tree = await parseDependencyTree(['src-main/**/*.ts', 'src-renderer/src/**/*.ts'], {
  context: root, cwd: root, transform: false, skipDynamicImports: false, tsconfig: join(root, 'tsconfig.web.json'),
})
const cycles = parseCircular(tree)
report(cycles.length === 0, 'no import cycles among the sources (dpdm)',
  cycles.map((c) => `  ${c.map((f) => relative(root, join(root, f))).join(' -> ')}`).join('\n'))

console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
