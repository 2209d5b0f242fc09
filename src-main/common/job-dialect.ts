// How a trace and a finding name the job's calls and values: as the job's own language writes them, so what
// Riffle shows can be searched for in the job file. A Python job calls register_event_time_timer and reads None
// and True; the engine's names (registerEventTimeTimer, null, true) are TypeScript's.

export type JobLanguage = 'typescript' | 'python'

export function jobLanguageOf(jobPath: string): JobLanguage {
  return /\.py$/i.test(jobPath) ? 'python' : 'typescript'
}

type Domain = 'EVENT_TIME' | 'PROCESSING_TIME'

/** registerEventTimeTimer / register_event_time_timer, and the deletes and the processing-time ones. */
export function timerMethod(lang: JobLanguage, action: 'register' | 'delete', domain: Domain): string {
  const time = domain === 'EVENT_TIME' ? 'EventTime' : 'ProcessingTime'
  return lang === 'python' ? snake(`${action}${time}Timer`) : `${action}${time}Timer`
}

/** A state handle's method as the job calls it (the engine's entries() is a Python MapState's items()). */
export function stateMethod(lang: JobLanguage, name: string): string {
  if (lang !== 'python') return name
  return name === 'entries' ? 'items' : snake(name)
}

const CONTEXT_READ = {
  typescript: {
    timestamp: 'ctx.timestamp()',
    watermark: 'timerService().currentWatermark()',
    processingTime: 'timerService().currentProcessingTime()',
    currentKey: 'ctx.getCurrentKey()',
  },
  python: {
    timestamp: 'ctx.timestamp()',
    watermark: 'timer_service().current_watermark()',
    processingTime: 'timer_service().current_processing_time()',
    currentKey: 'ctx.get_current_key()',
  },
} as const

/** A read of the context (the record's timestamp, the watermark, processing time, the key) as the job wrote it. */
export function contextRead(lang: JobLanguage, read: keyof typeof CONTEXT_READ.typescript): string {
  return CONTEXT_READ[lang][read]
}

/**
 * An output as the job emits it: TypeScript's out.collect(v) and ctx.output("tag", v); a Python job's `yield v` and
 * `yield tag, v` (the tag's variable is not known: its OutputTag), or the seed article's out.collect(v).
 */
export function outputCall(lang: JobLanguage, form: 'yield' | 'collect', tag: string | null, value: string): string {
  if (lang === 'python' && form === 'yield') return tag === null ? `yield ${value}` : `yield OutputTag(${JSON.stringify(tag)}), ${value}`
  if (lang === 'python' && tag !== null) return `out.collect((OutputTag(${JSON.stringify(tag)}), ${value}))`
  return tag === null ? `out.collect(${value})` : `ctx.output(${JSON.stringify(tag)}, ${value})`
}

/**
 * A JSON-compatible value as the language writes it: JSON for TypeScript; for Python the same text with None,
 * True and False for null, true and false outside strings (JSON's strings, numbers, lists and dicts are Python
 * literals as they are).
 */
export function literal(lang: JobLanguage, json: string): string {
  if (lang !== 'python') return json
  return json.replace(/"(?:[^"\\]|\\.)*"|\b(null|true|false)\b/g, (m, word: string | undefined) =>
    word === undefined ? m : word === 'null' ? 'None' : word === 'true' ? 'True' : 'False')
}

/**
 * A message of the engine's in the job's words: it names the callbacks processElement and onTimer, which a Python
 * job defines as process_element and on_timer ("keyed state accessed outside processElement/onTimer"), and the
 * state calls addAll and putAll, which a Python job calls as add_all and put_all.
 */
export function engineMessage(lang: JobLanguage, message: string): string {
  if (lang !== 'python') return message
  return message.replace(/\bprocessElement\b/g, 'process_element').replace(/\bonTimer\b/g, 'on_timer')
    .replace(/\baddAll\b/g, 'add_all').replace(/\bputAll\b/g, 'put_all')
}

function snake(camel: string): string {
  return camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
}

/** The call that printed a line of the job's output, as the job writes it (a Python job's stderr is sys.stderr). */
export function printCall(lang: JobLanguage, stream: 'out' | 'warn' | 'err'): string {
  if (lang === 'python') return stream === 'err' ? 'print (stderr)' : 'print'
  return stream === 'out' ? 'console.log' : stream === 'warn' ? 'console.warn' : 'console.error'
}
