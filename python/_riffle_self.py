# What `self` is in a Python job's debugger expression (_riffle_expressions.py), as a condition in a method sees it in
# an IDE: a read-only view of the job's KeyedProcessFunction. The expression runs after the step, outside the job's
# methods, so a field holding a state handle (the object the RuntimeContext gave open(), found by its type, not by
# the field's name) reads the expression's key's state as the by-name reads do (`self.session_start.value()` is
# `session_start`); any other field is a copy of its value now. A write raises, saying the expression only reads.
import copy
import inspect
import types

from pyflink.datastream.state import AggregatingState, ListState, MapState, ReducingState, State, ValueState

# The job's KeyedProcessFunction objects of the loaded job, in the order its keyed operators were made: the engine
# names one by its index (RiffleOperator.index), and a load of another job starts the list again (_riffle_job.load).
keyed_functions = []

# A state handle's calls that write: refused at set time when written through self (_riffle_expressions.py).
STATE_WRITES = ("update", "clear", "add", "add_all", "put", "put_all", "remove")


def register(fn):
    """The index the engine names `fn` by."""
    keyed_functions.append(fn)
    return len(keyed_functions) - 1


def _read_only(what):
    raise TypeError(f"{what}: a debugger expression only reads the job (it runs after the step, outside the job's "
                    "methods); it cannot change a field or a state")


class _ReadState:
    """A state handle's stand-in: reads give the key's state as the by-name reads do (a copy each), writes raise."""

    def __init__(self, handle, path, states):
        self._name = getattr(handle, "_name", None) or getattr(handle, "_state_name", None)
        self._path = path
        self._states = states
        self._handle = handle

    def _now(self):
        return copy.deepcopy(self._states.get(self._name))

    def __getattr__(self, call):
        if call in STATE_WRITES or call in ("__setitem__", "__delitem__"):
            return lambda *a, **k: _read_only(f"{self._path}.{call}(...) (state {self._name!r})")
        raise AttributeError(f"{self._path} (state {self._name!r}) has no method {call!r} in a debugger expression")

    # ValueState
    def value(self):
        return self._now()

    # ListState, ReducingState, AggregatingState
    def get(self, *key):
        v = self._now()
        if isinstance(self._handle, MapState):
            return (v or {}).get(key[0]) if key else _read_only(f"{self._path}.get() needs a key")
        if isinstance(self._handle, ListState):
            return list(v or [])
        return v  # an AggregatingState's name reads its get(): the aggregate's result (debug-expression.ts stateObject)

    # MapState
    def contains(self, key):
        return key in (self._now() or {})

    def keys(self):
        return list((self._now() or {}).keys())

    def values(self):
        return list((self._now() or {}).values())

    def items(self):
        return list((self._now() or {}).items())

    def is_empty(self):
        return not self._now()

    def __getitem__(self, key):
        return (self._now() or {}).get(key)

    def __contains__(self, key):
        return self.contains(key)

    def __iter__(self):
        v = self._now()
        return iter(list(v or [])) if not isinstance(v, dict) else iter(list(v.keys()))


class SelfView:
    """`self` of an expression: the function object's fields (state handles as _ReadState), its methods bound to the view."""

    __slots__ = ("_fn", "_states")

    def __init__(self, fn, states):
        object.__setattr__(self, "_fn", fn)
        object.__setattr__(self, "_states", states)

    def __getattr__(self, name):
        fn = object.__getattribute__(self, "_fn")
        states = object.__getattribute__(self, "_states")
        fields = getattr(fn, "__dict__", {})
        if name in fields:
            return _read(fields[name], f"self.{name}", states)
        attr = getattr(type(fn), name)  # an AttributeError names the class and the attribute, as Python's own does
        raw = inspect.getattr_static(type(fn), name)
        if isinstance(raw, staticmethod):
            return raw.__func__
        if isinstance(raw, classmethod):
            return types.MethodType(raw.__func__, type(fn))
        if isinstance(raw, types.FunctionType):
            return types.MethodType(raw, self)  # self.is_late(event): the job's method, over this view
        if isinstance(raw, property):
            return raw.fget(self)
        return _read(attr, f"self.{name}", states)

    def __setattr__(self, name, value):
        _read_only(f"self.{name} = ...")

    def __delattr__(self, name):
        _read_only(f"del self.{name}")

    def __repr__(self):
        return f"<{type(object.__getattribute__(self, '_fn')).__name__} as the debugger reads it>"


def _read(v, path, states):
    if isinstance(v, State):
        return _ReadState(v, path, states)
    # A handle inside a field's dict, list or tuple (self.by_name["last"]) reads as one in a field does.
    if type(v) is dict:
        return {k: _read(x, f"{path}[{k!r}]", states) for k, x in v.items()}
    if type(v) in (list, tuple):
        return type(v)(_read(x, f"{path}[{i}]", states) for i, x in enumerate(v))
    try:
        return copy.deepcopy(v)
    except Exception:
        return v  # a value that cannot be copied (a module, a lock): read as it is


class NoSelf:
    """`self` where no keyed function is at work: any use of it raises, saying why."""

    def __getattr__(self, name):
        raise TypeError("self: no keyed function was at work where the expression ran (a key selector, a timestamp "
                        "assigner or a map before key_by runs outside any key's call); self is the job's "
                        "KeyedProcessFunction at a key")
