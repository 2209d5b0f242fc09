// electron-vite build: main (ESM), preload (CJS, needed for sandbox: true) and the Vue renderer.
// Entries are explicit because the sources are not in electron-vite's default folders (toolchain P6).
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import { riffleDts } from './scripts/vite-plugin-riffle-dts'

const root = import.meta.dirname

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          index: resolve(root, 'src-main/index.ts'),
          'browser-main': resolve(root, 'src-main/service/browser-main.ts'),
          'session-worker': resolve(root, 'src-main/worker/session-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve(root, 'src-main/preload/index.ts') },
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    base: './',
    // The renderer reaches the main side's shared types only through this alias (the lint checks it).
    resolve: { alias: { '@common': resolve(root, 'src-main/common') } },
    plugins: [vue(), riffleDts(resolve(root, 'src-main/engine/api'))],
    build: {
      minify: process.env.RENDERER_MINIFY === '1',
      chunkSizeWarningLimit: 12_000,
      rolldownOptions: { input: { index: resolve(root, 'src-renderer/index.html') } },
    },
  },
})
