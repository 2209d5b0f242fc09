// Runs the state behaviour suite unchanged against the LevelDB backend: once with the default cache,
// once with a tiny cache and batches so that nearly every read goes to disk through getSync.
import { afterAll } from 'vitest'
import { LevelDbStateBackend } from '../../../../src-main/engine/state/leveldb/leveldb-backend'
import { describeStateBehaviour } from './state-behaviour-suite'
import { removeTempDirs, tempDir } from './leveldb/tmp-dirs'

afterAll(removeTempDirs)

describeStateBehaviour('leveldb', () => LevelDbStateBackend.open({ dir: tempDir() }))
describeStateBehaviour('leveldb (16-entry cache)', () => LevelDbStateBackend.open({ dir: tempDir(), cacheEntries: 16, batchSize: 4 }))
