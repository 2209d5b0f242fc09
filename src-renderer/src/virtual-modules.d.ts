// Types for the build-time virtual module that carries the `riffle` API declarations (scripts/vite-plugin-riffle-dts.ts).
declare module 'virtual:riffle-dts' {
  const files: Record<string, string>
  export default files
}
declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
