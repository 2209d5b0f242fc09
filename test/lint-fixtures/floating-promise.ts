// lint-as: src-main/service/lint-fixture-floating-promise.ts
// lint-expect: @typescript-eslint/no-floating-promises
// A promise nobody awaits loses its rejection.
async function save(): Promise<void> {}

export function onClick(): void {
  save()
}
