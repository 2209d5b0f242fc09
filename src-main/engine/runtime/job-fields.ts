// The job's own fields as time travel keeps them: a job that counts in a plain field of its function object instead
// of Flink state ("counts drift") runs its code again on every re-run of a step (a trace, a step back, a seek), so a
// snapshot holds a copy of every field of the job's objects and a restore puts them back, and each step then sees the
// fields a straight run had there. Only time travel's snapshots (every N steps) take them: `riffle run` never does.
// Here the contract and a TypeScript job's part; a Python job's is sandbox/python/python-fields.ts.
import * as riffleApi from '../api/index'
import type { JobGraph } from './graph-builder'
import { COPY, ObjectCopier, privateMembersOf, uncopyable } from './object-copy'

/** The job's fields at one snapshot (opaque to time travel). */
export interface FieldsSnapshot { readonly kind: 'fields' }

export interface JobFields {
  /** A copy of the fields now, and what could not be copied (each said once by the caller, as a notice). */
  capture(): { snap: FieldsSnapshot; uncopied: string[] }
  /** Puts the fields back as they were at `snap` (which stays as it is: it may be restored again). */
  restore(snap: FieldsSnapshot): void
  /** Frees `snap` (time travel dropped that snapshot). */
  drop(snap: FieldsSnapshot): void
}

/** One object's fields: by name, a copy (restored as a fresh copy of it) or the value itself (`kept`). */
interface ObjectFields { copies: Map<string, unknown>; kept: Map<string, unknown>; left: Set<string> }

interface TsFieldsSnapshot extends FieldsSnapshot { objects: ObjectFields[] }

/** The Riffle API's classes (descriptors, tags, strategies): a field holding one of their objects is the job's setup, kept as it is. */
const API_PROTOTYPES = new Set<unknown>(Object.values(riffleApi).flatMap((x) => (typeof x === 'function' ? [x.prototype] : [])))

/** A TypeScript job's fields: those of the objects its graph calls (keyed process functions, map and key functions...). */
export function graphFields(graph: JobGraph): JobFields {
  const objects = [...new Set(graph.nodes.flatMap((n) => n.userObjects()))]
  // The engine's objects, and the job's objects themselves (a field pointing at another: each has its own fields kept).
  const engine = new Set<unknown>([...graph.keyedOps.flatMap((op) => op.engineObjects()), ...objects])
  // The state handles the job holds, gathered again at each capture and restore (a state may be made after open()).
  let handles = new Set<unknown>()
  const gatherHandles = (): void => { handles = new Set(graph.keyedOps.flatMap((op) => (op.opened ? op.state.handles() : []))) }
  /** A value kept as it is: the engine's own objects, state handles, functions, frozen objects, the API's objects. */
  const keep = (v: object): boolean => typeof v === 'function' || engine.has(v) || handles.has(v) || Object.isFrozen(v) ||
    API_PROTOTYPES.has(Object.getPrototypeOf(v))
  const nameOf = (o: object): string => (typeof o === 'function' ? `function ${o.name || '(anonymous)'}` : (o.constructor as { name?: string } | undefined)?.name || 'the job\'s object')

  return {
    capture() {
      gatherHandles()
      const uncopied: string[] = []
      // One copier per snapshot: two fields holding the same object hold one copy of it, as they held one object.
      const copier = new ObjectCopier((v) => {
        if (keep(v)) return v
        const why = uncopyable(v)
        if (why !== null) throw new Uncopyable(why)
        return COPY
      })
      const objectsNow = objects.map((o): ObjectFields => {
        const owner = nameOf(o)
        const f: ObjectFields = { copies: new Map(), kept: new Map(), left: new Set() }
        const mine = typeof o === 'function' ? null : privateMembersOf(Object.getPrototypeOf(o) as object | null)
        if (mine !== null) uncopied.push(cannotKeep(`the #private members of ${owner} (declared by class ${mine}: JavaScript lets no one else read or write them)`))
        for (const k of Object.keys(o)) {
          const d = Object.getOwnPropertyDescriptor(o, k)!
          // A getter, or a field the job made read-only: not the job's data to put back.
          if (!('value' in d) || d.writable !== true) { f.left.add(k); continue }
          const v: unknown = d.value
          if (v === null || typeof v !== 'object' || keep(v)) { f.kept.set(k, v); continue }
          try {
            f.copies.set(k, copier.copy(v, k))
          } catch (e) {
            if (!(e instanceof Uncopyable)) throw e
            f.left.add(k)
            uncopied.push(cannotKeep(`${typeof o === 'function' ? `${owner}.${k}` : `this.${k} of ${owner}`} (it holds ${e.why})`))
          }
        }
        return f
      })
      return { snap: { kind: 'fields', objects: objectsNow } as TsFieldsSnapshot, uncopied }
    },
    restore(snap) {
      gatherHandles()
      const s = snap as TsFieldsSnapshot
      // A fresh copy each time (the job changes what it is given, and the snapshot may be restored again), one for all.
      const copier = new ObjectCopier((v) => (keep(v) ? v : COPY))
      objects.forEach((o, i) => {
        const f = s.objects[i]
        const fields = o as Record<string, unknown>
        // Fields the job added since are gone; one that could not be copied stays as the run last had it.
        for (const k of Object.keys(o)) if (!f.copies.has(k) && !f.kept.has(k) && !f.left.has(k)) Reflect.deleteProperty(o, k)
        for (const [k, v] of f.kept) fields[k] = v
        for (const [k, v] of f.copies) fields[k] = copier.copy(v, k)
      })
    },
    drop() {},
  }
}

/** A notice of a field time travel cannot keep: what it means for what the session shows, and what to do. */
export function cannotKeep(what: string): string {
  return `time travel cannot copy ${what}: a trace, step back or seek re-runs the job's code with it as the run last left it, ` +
    'so what the session shows there may differ from a straight run (riffle run); keep such data in Flink state'
}

class Uncopyable extends Error {
  constructor(readonly why: string) { super(why) }
}
