// The one rule for every path the command line writes (--out, the golden file of --update, --savepoint-out,
// --state-dir): Riffle makes the file or folder named, never the folders above it, as mkdir and a shell's `>` do,
// so a mistyped folder is refused before the run instead of quietly made to receive the output.
import { statSync } from 'node:fs'
import { dirname } from 'node:path'
import { didYouMeanPath } from './did-you-mean'

/**
 * Why `path`'s folder cannot hold it (it does not exist, or a file stands on the way), named as the user gave it,
 * or null. Other failures (a folder that cannot be read) are left to the write itself, which names them.
 */
export function parentFolderProblem(path: string): string | null {
  const parent = dirname(path)
  for (let p = parent; ; p = dirname(p)) {
    try {
      if (!statSync(p).isDirectory()) return `${p} is not a folder`
      return p === parent ? null : `its folder ${parent} does not exist${didYouMeanPath(parent)}`
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || p === dirname(p)) return null
    }
  }
}
