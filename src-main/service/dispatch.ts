// One request through the contract: check the name, validate the arguments with the zod schemas, run the
// handler, and wrap the result or the error as an Envelope. Electron IPC and the browser server both use it,
// so no handler ever sees unvalidated arguments and no error crosses as anything but ErrorInfo.
import type { ContractHandlers, Envelope, RequestName } from '../common/contract'
import { isRequestName } from '../common/contract'
import { toErrorInfo } from '../common/errors'
import { validateArgs } from '../common/contract-schemas'

export async function dispatch(handlers: ContractHandlers, name: unknown, args: unknown): Promise<Envelope<unknown>> {
  if (!isRequestName(name)) {
    return { ok: false, error: { code: 'BAD_ARGUMENT', message: `Unknown request ${JSON.stringify(String(name)).slice(0, 80)}.` } }
  }
  const checked = validateArgs(name, args)
  if (!checked.ok) return { ok: false, error: { code: 'BAD_ARGUMENT', message: checked.reason } }
  try {
    const fn = handlers[name] as (...a: unknown[]) => Promise<unknown>
    const result = await fn(...(checked.args as unknown[]))
    return { ok: true, result: result === undefined ? null : result }
  } catch (err) {
    return { ok: false, error: toErrorInfo(err) }
  }
}

export type { RequestName }
