// Which `pyflink` names (pyflink-names.ts) the Python editor offers at the cursor, from the text of the line before
// it: module names after `import` / `from`, a module's names after `from MODULE import`, an object's methods after
// a dot (only the class's own when the name before the dot is one of the table's classes), and the classes
// elsewhere. Pure, so it is unit-tested without Monaco; job-editor.ts turns the result into completion items.
import { PYFLINK_NAMES, type PyflinkName } from './pyflink-names'

/** The names to offer after `lineBefore` (the line's text up to the cursor), best first. */
export function pyflinkCompletions(lineBefore: string, names: readonly PyflinkName[] = PYFLINK_NAMES): PyflinkName[] {
  const fromImport = /^\s*from\s+([\w.]+)\s+import\s+[\w\s,()]*$/.exec(lineBefore)
  if (fromImport !== null) return names.filter((n) => n.kind !== 'module' && n.module === fromImport[1])
  if (/^\s*(?:from|import)\s+[\w.]*$/.test(lineBefore)) return names.filter((n) => n.kind === 'module')
  const member = /(\w+(?:\.\w+)*)?\.\w*$/.exec(lineBefore)
  if (member !== null) {
    const owner = member[1]?.split('.').pop()
    const own = names.filter((n) => n.owner !== undefined && n.owner === owner)
    if (own.length > 0) return own
    // An object of a type the editor cannot know (ctx, self.count, a stream): every method, each name once.
    const seen = new Set<string>()
    return names.filter((n) => n.kind === 'method' && !seen.has(n.name) && seen.add(n.name) !== undefined)
  }
  return names.filter((n) => n.kind === 'class')
}
