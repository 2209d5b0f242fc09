// lint-as: src-main/engine/runtime/lint-fixture-missing-return-type.ts
// lint-expect: @typescript-eslint/explicit-module-boundary-types
// Exported functions say what they return.
export function answer() {
  return 42
}
