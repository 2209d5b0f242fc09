// A Python job's own fields as time travel keeps them (engine/runtime/job-fields.ts's contract): the __dict__ of the
// job's objects and its module's plain-data globals, copied and put back in Python (python/_riffle_fields.py); a
// snapshot is a Python object that this side holds by its proxy, freed when time travel drops the snapshot.
import type { PyProxy } from 'pyodide/ffi'
import { cannotKeep, type FieldsSnapshot, type JobFields } from '../../engine/runtime/job-fields'

/** python/_riffle_fields.py's Fields of one build, as its proxy. */
export interface PyFields {
  capture(): PyProxy & { uncopied: string }
  restore(snap: PyProxy): void
}

interface PyFieldsSnapshot extends FieldsSnapshot { py: PyProxy }

/** The fields of the Python build `fields` names (_riffle_job.fields() right after the build). */
export function pythonFields(fields: PyFields): JobFields {
  return {
    capture() {
      const py = fields.capture()
      const uncopied = (JSON.parse(py.uncopied) as string[]).map((what) => cannotKeep(what))
      return { snap: { kind: 'fields', py } as PyFieldsSnapshot, uncopied }
    },
    restore(snap) { fields.restore((snap as PyFieldsSnapshot).py) },
    drop(snap) { (snap as PyFieldsSnapshot).py.destroy() },
  }
}
