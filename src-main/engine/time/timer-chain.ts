// Endless onTimer chains: an onTimer that registers a timer which fires in the same advance (E3: at or
// below the watermark being reached; or any timer once the input has ended, where the watermark is
// MAX_TIMESTAMP and every timer fires, W7) and whose onTimer does the same again. Each call returns at
// once, so the watchdog never sees it, and the run never ends: `registerEventTimeTimer(ts + 1)` at the
// end of input walks towards Long.MAX_VALUE one millisecond a step. Flink does the same (its final
// watermark Long.MAX_VALUE fires every timer up to it, and ts + 1 past it overflows to Long.MIN_VALUE,
// which fires again): such a job never finishes there either. Riffle counts each chain and stops it, at
// the registering line, once it is longer than any job waits for.
import type { TimeDomainName } from '../observe/run-observer'

/** Timers in a row, each registered by the previous one's onTimer, after which the chain is stopped. */
export const CHAIN_LIMIT = 100_000

export class TimerChains {
  /** The chain length of each pending timer registered by an onTimer in a chain (domain, key, time). */
  private readonly lengths = new Map<string, number>()
  /** The chain length of the timer whose onTimer runs (0: none, or not from a chain). */
  private firingLength = 0

  /** A timer fires: its onTimer continues its chain. */
  firing(domain: TimeDomainName, keyStr: string, time: number): void {
    if (this.lengths.size === 0) {
      this.firingLength = 1
      return
    }
    const id = chainId(domain, keyStr, time)
    this.firingLength = (this.lengths.get(id) ?? 0) + 1
    this.lengths.delete(id)
  }

  /** After onTimer: a registration outside it starts no chain. */
  fired(): void { this.firingLength = 0 }

  /**
   * onTimer registered a timer that will fire in this chain (due now, or the input has ended): notes
   * its place in the chain; throws once the chain passes CHAIN_LIMIT (at the job's line).
   */
  registered(domain: TimeDomainName, keyStr: string, time: number, endOfInput: boolean, onTimer = 'onTimer'): void {
    if (this.firingLength === 0) return
    if (this.firingLength >= CHAIN_LIMIT) {
      throw new Error(`the ${CHAIN_LIMIT.toLocaleString('en-US')}th timer in a row that an ${onTimer} registered for the next firing: ` +
        `each firing timer's ${onTimer} registers another that fires ${endOfInput
          ? 'too (after the input the watermark is MAX_TIMESTAMP, so every timer fires, as in Flink, where this job would never finish)'
          : 'in the same advance of time'}; the run was stopped. Register the next timer only while there is something to wait for ` +
        '(not past the last record\'s time, and not once the watermark is MAX_TIMESTAMP)')
    }
    this.lengths.set(chainId(domain, keyStr, time), this.firingLength)
  }

  /** A deleted timer fires in no chain. */
  deleted(domain: TimeDomainName, keyStr: string, time: number): void {
    if (this.lengths.size > 0) this.lengths.delete(chainId(domain, keyStr, time))
  }
}

function chainId(domain: TimeDomainName, keyStr: string, time: number): string {
  return `${domain === 'EVENT_TIME' ? 'e' : 'p'}${time}\u0000${keyStr}`
}
