// Which `pyflink` names (pyflink-names.ts) the Python editor offers at the cursor, from the text of the line before
// it: module names after `import` / `from`, a module's names after `from MODULE import`, an object's methods after
// a dot (only the class's own when the name before the dot is one of the table's classes), and the classes
// elsewhere; after a call whose result's class is known (`ctx.timer_service().`) or a field the job's open() made a
// state (`self.count.`, from the whole `source`), that class's. Pure, so it is unit-tested without Monaco;
// job-editor.ts turns the result into completion items.
import { PYFLINK_CALL_RESULTS, PYFLINK_NAMES, PYFLINK_REEXPORTS, type PyflinkName } from './pyflink-names'

/** The names to offer after `lineBefore` (the line's text up to the cursor), best first; `source`: the whole text. */
export function pyflinkCompletions(lineBefore: string, names: readonly PyflinkName[] = PYFLINK_NAMES, source = ''): PyflinkName[] {
  const fromImport = /^\s*from\s+([\w.]+)\s+import\s+[\w\s,()]*$/.exec(lineBefore)
  if (fromImport !== null) {
    const module = fromImport[1]!
    const also = PYFLINK_REEXPORTS[module] ?? []
    return names.filter((n) => n.kind !== 'module' && (n.module === module || (n.kind === 'class' && also.includes(n.name))))
  }
  if (/^\s*(?:from|import)\s+[\w.]*$/.test(lineBefore)) return names.filter((n) => n.kind === 'module')
  const member = /(\w+(?:\.\w+)*)?\.\w*$/.exec(lineBefore)
  if (member !== null) {
    const owner = ownerBefore(lineBefore, member[1], source)
    const own = names.filter((n) => n.owner !== undefined && n.owner === owner)
    if (own.length > 0) return own
    // An object of a type the editor cannot know (ctx, self.count, a stream): every method, each name once.
    const seen = new Set<string>()
    return names.filter((n) => n.kind === 'method' && !seen.has(n.name) && seen.add(n.name) !== undefined)
  }
  return names.filter((n) => n.kind === 'class')
}

/**
 * The class of what stands before the dot: a name of the table (`Types`), a call's known result
 * (`ctx.timer_service()`), or `self.NAME` where the job assigns NAME a state (`self.NAME = ctx.get_state(...)`).
 */
function ownerBefore(lineBefore: string, dotted: string | undefined, source: string): string | undefined {
  const call = /(\w+)\([^()]*\)\.\w*$/.exec(lineBefore)
  if (call !== null) return PYFLINK_CALL_RESULTS[call[1]!]
  const field = dotted === undefined ? null : /^self\.(\w+)$/.exec(dotted)
  if (field !== null) {
    const made = new RegExp(`self\\.${field[1]}\\s*=\\s*[\\w.]+\\.(\\w+)\\(`).exec(source)
    if (made !== null && PYFLINK_CALL_RESULTS[made[1]!] !== undefined) return PYFLINK_CALL_RESULTS[made[1]!]
  }
  return dotted?.split('.').pop()
}
