// The state behaviour suite (as Flink's StateBackendTestBase): one set of tests that every backend must
// pass unchanged. Each test gets a fresh backend from makeBackend() and closes it afterwards.
import { afterEach, beforeEach, describe } from 'vitest'
import type { StateBackend } from '../../../../src-main/engine/state/backend'
import { StateFixture } from './state-fixture'
import { valueAndListBehaviour } from './behaviour/value-list-behaviour'
import { mapReducingAggregatingBehaviour } from './behaviour/map-reduce-agg-behaviour'
import { dataAndKeyBehaviour } from './behaviour/data-key-registry-behaviour'
import { ttlBehaviour } from './behaviour/ttl-behaviour'
import { ttlKindsBehaviour } from './behaviour/ttl-kinds-behaviour'
import { ttlCleanupBehaviour } from './behaviour/ttl-cleanup-behaviour'
import { inspectionBehaviour } from './behaviour/inspection-behaviour'

export function describeStateBehaviour(backendName: string, makeBackend: () => Promise<StateBackend>): void {
  describe(`state behaviour on the ${backendName} backend`, () => {
    let fixture: StateFixture | null = null
    beforeEach(async () => {
      fixture = new StateFixture(await makeBackend())
    })
    afterEach(async () => {
      const f = fixture
      fixture = null
      if (f !== null) await f.backend.close()
    })
    const use = (): StateFixture => {
      if (fixture === null) throw new Error('state behaviour suite: no fixture (used outside a test?)')
      return fixture
    }
    const fresh = async (): Promise<StateBackend> => makeBackend()

    describe('value and list state', () => valueAndListBehaviour(use))
    describe('map, reducing and aggregating state', () => mapReducingAggregatingBehaviour(use))
    describe('JSON data, key scoping and the registry', () => dataAndKeyBehaviour(use))
    describe('TTL: expiry, update types and visibility', () => ttlBehaviour(use))
    describe('TTL per state kind', () => ttlKindsBehaviour(use))
    describe('TTL cleanup', () => ttlCleanupBehaviour(use, fresh))
    describe('inspection, tracking and snapshots', () => inspectionBehaviour(use, fresh))
  })
}
