// Runs the state behaviour suite against the heap backend.
import { HeapStateBackend } from '../../../../src-main/engine/state/heap/heap-backend'
import { describeStateBehaviour } from './state-behaviour-suite'

describeStateBehaviour('heap', async () => new HeapStateBackend())
