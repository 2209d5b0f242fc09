// Every key a keyed operator has seen, with what the inspector sorts and filters by (key group,
// first and last step touched, record count).
import { keyGroupOf } from './key-group'
import type { TimerHolder } from '../time/timer-queue'

export interface KeyInfo {
  key: unknown
  keyGroup: number
  firstStep: number
  lastTouchedStep: number
  records: number
  /** The key's timer holders, cached here so a record costs no extra lookup (not part of dumps). */
  et?: TimerHolder
  pt?: TimerHolder
}

export class KeyRegistry {
  readonly byKeyStr = new Map<string, KeyInfo>()

  touch(key: unknown, keyStr: string, step: number, isRecord: boolean): KeyInfo {
    let info = this.byKeyStr.get(keyStr)
    if (info === undefined) {
      info = { key, keyGroup: keyGroupOf(key), firstStep: step, lastTouchedStep: step, records: 0 }
      this.byKeyStr.set(keyStr, info)
    }
    info.lastTouchedStep = step
    if (isRecord) info.records++
    return info
  }

  get(keyStr: string): KeyInfo | undefined { return this.byKeyStr.get(keyStr) }
  get size(): number { return this.byKeyStr.size }

  dump(): Array<[string, KeyInfo]> {
    return [...this.byKeyStr].map(([k, v]) => [k, { key: v.key, keyGroup: v.keyGroup, firstStep: v.firstStep, lastTouchedStep: v.lastTouchedStep, records: v.records }])
  }

  restore(entries: Array<[string, KeyInfo]>): void {
    this.byKeyStr.clear()
    for (const [k, v] of entries) {
      this.byKeyStr.set(k, { key: v.key, keyGroup: v.keyGroup, firstStep: v.firstStep, lastTouchedStep: v.lastTouchedStep, records: v.records })
    }
  }
}
