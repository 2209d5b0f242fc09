// Plain Vite config for the renderer alone: `npm run dev` (hot reload in browser mode; electron-vite dev needs
// the Electron binary, toolchain P4) and renderer-only builds. Same root, plugins and base as electron.vite.config.ts.
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { riffleDts } from './scripts/vite-plugin-riffle-dts'

const root = import.meta.dirname

export default defineConfig({
  root: resolve(root, 'src-renderer'),
  base: './',
  resolve: { alias: { '@common': resolve(root, 'src-main/common') } },
  plugins: [vue(), riffleDts(resolve(root, 'src-main/engine/api'))],
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  build: {
    outDir: resolve(root, 'out/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 12_000,
  },
})
