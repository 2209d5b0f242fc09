// The savepoint format's public entry points (docs/savepoint-format.md).
export { writeSavepoint } from './savepoint-writer'
export { readSavepoint, readManifest, openSavepoint } from './savepoint-reader'
export type { OpenedSavepoint } from './savepoint-reader'
export type { SavepointData, SavepointSource, SavepointManifest, StreamSource, TableSource } from './savepoint-types'
export { SavepointInvalidError, SavepointWriteError, SAVEPOINT_FORMAT, SAVEPOINT_VERSION } from './savepoint-types'
