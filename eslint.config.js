// ESLint (flat config): the layer rules of docs/architecture.md as import restrictions, explicit return
// types on exported functions, and no floating promises. `npm run lint` (and the first stage of `npm test`)
// runs it with zero warnings allowed; scripts/lint.mjs also shows it failing on the fixtures in
// test/lint-fixtures/ and checks that no import cycle came back.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import globals from 'globals'

/** Folders of src-main that run on their own side of a boundary: the engine side must not reach them. */
const OUTSIDE_ENGINE = ['service', 'worker', 'debugger', 'ipc', 'app', 'cli']

/** no-restricted-imports patterns for a file in `folder` (depth below src-main) that must not import `targets`. */
function notInto(targets, message) {
  return { group: targets.flatMap((t) => [`**/src-main/${t}`, `**/src-main/${t}/**`, `**/../${t}/**`, `**/../${t}`, `./${t}/**`]), message }
}

const electron = { group: ['electron', 'electron/*'], message: 'Only app/, ipc/, preload/ and index.ts import electron.' }
const classicLevel = { group: ['classic-level', 'classic-level/*'], message: 'Only engine/state/leveldb imports classic-level.' }

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', '.riffle-build/**', 'bench/out/**', 'test-artifacts/**', 'node_modules/**', 'test/lint-fixtures/**'] },
  {
    files: ['src-main/**/*.ts', 'src-renderer/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.node.json', './tsconfig.electron.json', './tsconfig.web.json'], tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [], patterns: [electron, classicLevel] }],
    },
  },
  {
    // The engine side: the engine, recordings and the sandbox run the same in a worker, the CLI and tests.
    files: ['src-main/engine/**/*.ts', 'src-main/replay/**/*.ts', 'src-main/sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [electron, classicLevel, notInto(OUTSIDE_ENGINE, 'The engine, replay and sandbox import nothing from service, worker, debugger, ipc, app or cli.')],
      }],
    },
  },
  {
    // The one LevelDB backend may use classic-level.
    files: ['src-main/engine/state/leveldb/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [electron, notInto(OUTSIDE_ENGINE, 'The engine, replay and sandbox import nothing from service, worker, debugger, ipc, app or cli.')],
      }],
    },
  },
  {
    // The Electron shell.
    files: ['src-main/app/**/*.ts', 'src-main/ipc/**/*.ts', 'src-main/preload/**/*.ts', 'src-main/index.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [classicLevel] }] },
  },
  {
    // The renderer: browser code that reaches the main side only through the @common alias.
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.vue'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [electron, classicLevel, {
          group: ['**/src-main/**', '**/src-main'],
          message: 'The renderer imports only src-main/common, and only through the @common alias.',
        }],
      }],
    },
  },
  {
    files: ['src-renderer/**/*.vue'],
    extends: [...vue.configs['flat/essential']],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' } },
  },
)
