// What `riffle export` says will behave differently on a Flink cluster: one note, at a line of the job or about the
// whole job (its own file, so the scanners that make notes and the scan that gathers them import it without a cycle).

/** `fails`: the exported program stops there on Flink; `differs`: it runs, with other results or timing. */
export type NoteSeverity = 'fails' | 'differs'

export interface PortabilityNote {
  severity: NoteSeverity
  /** A stable name for the kind of difference (tests and docs refer to it). */
  kind: string
  /** 1-based line of the job file, or null for a note about the job as a whole. */
  line: number | null
  message: string
}
