# The job's own fields as time travel keeps them (the engine's half: src-main/engine/runtime/job-fields.ts): a job that
# counts in self.seen instead of Flink state runs its code again on every re-run of a step (a trace, a step back, a
# seek), so each time-travel snapshot holds a copy of the __dict__ of the job's objects (its KeyedProcessFunction, its
# map / filter / flat_map / key_by functions and timestamp assigners) and of the job module's plain-data globals
# (`count = 0` changed through `global count`), and a restore puts them back. Only snapshots (every N steps) copy.
import json
import types

from pyodide.ffi import JsProxy

from _riffle_copy import COPY, Walk
from _riffle_safe_copy import check_hashed, copy_object

# The job's objects the build in progress made or was given (track()); _riffle_job.load starts the list again.
tracked = []

# Values time travel keeps as they are, never copies: the engine's objects (state handles, contexts, collectors) and
# the API's (descriptors, tags, types), code, classes and modules. A Row is the job's data: copied.
_KEPT_TYPES = (JsProxy, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.MethodType, type)
# A module global is kept (and put back) only when it is plain data all through: anything else in the module is code.
_PLAIN = (int, float, complex, str, bytes, bool, type(None))
_PLAIN_CONTAINERS = (list, tuple, dict, set, frozenset, bytearray)


def track(obj):
    """Keeps `obj`'s fields with the job's: an object or function of the job's that has a __dict__ (a bound method's
    object: .map(counter.bump) counts in counter)."""
    if isinstance(obj, types.MethodType):
        obj = obj.__self__
    if isinstance(obj, (type, types.ModuleType)) or not isinstance(getattr(obj, "__dict__", None), dict):
        return
    if not any(o is obj for o in tracked):
        tracked.append(obj)


def _kept(v):
    if isinstance(v, _KEPT_TYPES):
        return True
    module = type(v).__module__ or ""
    return (module.startswith("pyflink.") or module.startswith("_riffle")) and type(v).__name__ != "Row"


def _plain(v, depth=0):
    if isinstance(v, _PLAIN):
        return True
    if depth > 50 or type(v) not in _PLAIN_CONTAINERS:
        return False
    items = v.items() if type(v) is dict else ((x, None) for x in v)
    return all(_plain(k, depth + 1) and _plain(x, depth + 1) for k, x in items)


def _leave(v, path):
    return v if _kept(v) else COPY


def _copier(memo):
    """A deep copy (_riffle_copy.Walk) that keeps the engine's and the API's objects as they are, also inside dicts,
    lists, sets and tuples (self.by_name["last"] holding a state handle); any other object is copied as copy.deepcopy
    would, without running the job's own methods (_riffle_safe_copy: one whose class defines how it is copied is not,
    nor a dict or set whose keys' class defines how they hash)."""
    return Walk(_leave, lambda v, path, walk: copy_object(v, walk), memo, paths=False, hashed=check_hashed)


def copy_value(v):
    """A copy of one value as a snapshot takes it (the engine's and the API's objects kept as they are)."""
    return _copier({}).copy(v, None)


class _Snapshot:
    """One snapshot: each object's fields (name -> copy, and the names left as they were), the module's plain
    globals, and what could not be copied (JSON text of the fields' names and why, for the engine's notice)."""

    def __init__(self, objects, globals_, names, uncopied):
        self.objects = objects
        self.globals = globals_
        self.names = names
        self.uncopied = json.dumps(uncopied)


class Fields:
    """The fields of one build's objects and its module's globals: capture() and restore() for time travel."""

    def __init__(self, objects, namespace):
        self.objects = list(objects)
        self.namespace = namespace

    def _memo(self):
        # The job's objects themselves stay as they are (a field pointing at another keeps it: each keeps its own fields).
        return {id(o): o for o in self.objects}

    def capture(self):
        uncopied = []
        walk = _copier(self._memo())
        objects = []
        for o in self.objects:
            copies, left = {}, set()
            for k, v in list(vars(o).items()):
                try:
                    copies[k] = walk.copy(v, None)
                except Exception as e:
                    left.add(k)
                    where = f"{o.__name__}.{k}" if isinstance(o, types.FunctionType) else f"self.{k} of {type(o).__name__}"
                    uncopied.append(f"{where} ({type(e).__name__}: {e})")
            objects.append((copies, left))
        globals_, names = None, None
        if self.namespace is not None:
            # The same memo as the fields': a field holding a global's list (self.keys = KEYS) still holds that list.
            globals_ = {k: walk.copy(v, None) for k, v in self.namespace.items() if not k.startswith("__") and _plain(v)}
            names = set(self.namespace)
        return _Snapshot(objects, globals_, names, uncopied)

    def restore(self, snap):
        walk = _copier(self._memo())  # a fresh copy each time: the job changes what it is given, and the snapshot may be restored again
        for o, (copies, left) in zip(self.objects, snap.objects):
            d = vars(o)
            for k in [k for k in d if k not in copies and k not in left]:
                del d[k]  # a field the job added since
            for k, v in copies.items():
                d[k] = walk.copy(v, None)
        if snap.globals is not None:
            ns = self.namespace
            for k in [k for k, v in ns.items() if k not in snap.names and _plain(v)]:
                del ns[k]  # a plain global the job made since (global x; x = 1 in a method)
            for k, v in snap.globals.items():
                ns[k] = walk.copy(v, None)
