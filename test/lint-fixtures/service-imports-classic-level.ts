// lint-as: src-main/service/lint-fixture-service-imports-classic-level.ts
// lint-expect: no-restricted-imports
// Only the LevelDB backend opens LevelDB.
import { ClassicLevel } from 'classic-level'

export const db: typeof ClassicLevel | null = null
