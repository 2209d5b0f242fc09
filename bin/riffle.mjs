#!/usr/bin/env node
// `npx riffle`: makes sure the command line is built from the sources, then runs it.
import { ensureBuilt } from './riffle-build.mjs'

const dir = await ensureBuilt()
await import(new URL(`file://${dir}/cli.mjs`).href)
