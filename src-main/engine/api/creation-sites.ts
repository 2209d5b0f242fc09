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
