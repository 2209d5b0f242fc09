// The inspector's plain-JSON description of a StateTtlConfig (views.ts TtlConfigView).
import type { TtlConfigView } from '../../../common/views'
import type { StateTtlConfig } from '../../api/ttl-config'

export function ttlConfigView(c: StateTtlConfig): TtlConfigView {
  const parts = ['on access'] // CL1: always
  const inc = c.incrementalCleanup
  if (inc !== null && inc.cleanupSize > 0) {
    parts.push(`incremental (${inc.cleanupSize} keys per access${inc.runCleanupForEveryRecord ? ' and per record' : ''})`)
  }
  if (c.cleanupFullSnapshot) parts.push('full snapshot')
  return {
    ttlMillis: c.ttlMillis,
    updateType: String(c.updateType),
    stateVisibility: String(c.stateVisibility),
    timeCharacteristic: String(c.timeCharacteristic),
    cleanup: parts.join(', '),
  }
}
