// Where the job created an API object (a state descriptor, a watermark strategy's timestamp assigner): an
// unformatted Error taken in the constructor, kept aside in a WeakMap so the job-facing classes stay as
// they are. Formatting a stack is what costs; it happens only when a finding names the line.
const sites = new WeakMap<object, Error>()

/** Remembers that `obj` is being created here (call from its constructor or factory). */
export function rememberCreation(obj: object): void {
  sites.set(obj, new Error('created here'))
}

/** `obj` was made from `from` and stands for the same place in the job (withIdleness copies a strategy). */
export function keepCreation(obj: object, site: Error): void {
  sites.set(obj, site)
}

/** The Error taken where `obj` was created, or undefined. */
export function creationOf(obj: object): Error | undefined {
  return sites.get(obj)
}

/**
 * `obj` was created at this line of the job file, told by the job's runtime (a Python job: a JavaScript Error
 * has no Python frames); the locator reads it back with createdAtLine.
 */
export function keepCreationLine(obj: object, line: number): void {
  sites.set(obj, Object.assign(new Error('created here'), { jobLine: line }))
}

/** The line keepCreationLine recorded in a creation site, or null. */
export function createdAtLine(site: unknown): number | null {
  const line = (site as { jobLine?: unknown } | null)?.jobLine
  return typeof line === 'number' && line > 0 ? line : null
}
