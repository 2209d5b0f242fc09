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

    def __getattribute__(self, name):
        # self._fn in an expression is the job's field of that name, never the view's own (the job's object itself).
        if name in ("_fn", "_states"):
            return SelfView.__getattr__(self, name)
        return object.__getattribute__(self, name)

    def __getattr__(self, name):
        fn = object.__getattribute__(self, "_fn")
        states = object.__getattribute__(self, "_states")
        fields = getattr(fn, "__dict__", {})
        if name in fields:
            return _read(fields[name], f"self.{name}", states)
        attr = getattr(type(fn), name)  # an AttributeError names the class and the attribute, as Python's own does
        return _class_attribute(self, type(fn), name, attr, f"self.{name}", states)

    def __setattr__(self, name, value):
        _read_only(f"self.{name} = ...")

    def __delattr__(self, name):
        _read_only(f"del self.{name}")

    def __repr__(self):
        return f"<{type(object.__getattribute__(self, '_fn')).__name__} as the debugger reads it>"


def _class_attribute(view, cls, name, attr, path, states):
    """Attribute `name` of class `cls` (attr: its value) as `view` (a SelfView or _Uncopied) gives it: a Python method
    bound to the view, so its reads go through the view and its writes are refused; a property read over the view."""
    raw = inspect.getattr_static(cls, name)
    if isinstance(raw, staticmethod):
        return raw.__func__
    if isinstance(raw, classmethod):
        return types.MethodType(raw.__func__, cls)
    if isinstance(raw, types.FunctionType):
        return types.MethodType(raw, view)  # self.is_late(event): the job's method, over this view
    if isinstance(raw, property):
        return raw.fget(view)
    return _read(attr, path, states)


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
    except Exception as e:
        # A module is the job module's global too (an expression reads those as they are): only an object is wrapped.
        return v if isinstance(v, types.ModuleType) else _Uncopied(v, path, states, f"{type(e).__name__}: {e}")


def _in_place(view, what):
    """The TypeError for `what`, which would run on the object an _Uncopied reads in place."""
    path = object.__getattribute__(view, "_path")
    raise TypeError(f"{what}: {path} could not be copied ({object.__getattribute__(view, '_why')}), so a debugger "
                    "expression reads it in place, and does not run what could change it (the job's object)")


class _Uncopied:
    """A value copy.deepcopy cannot copy (a lock, a generator, an object whose __deepcopy__ raises), as an expression
    reads it: in place, read-only. Its attributes and items read as a field's do (a copy, or another such wrapper); its
    Python methods run over this wrapper, as the job's own do over SelfView; a built-in method bound to it (a lock's
    acquire, a generator's send) and iterating an iterator would run on the object itself, so they raise, as a write
    does: the expression cannot change the job."""

    __slots__ = ("_obj", "_path", "_states", "_why")

    def __init__(self, obj, path, states, why):
        object.__setattr__(self, "_obj", obj)
        object.__setattr__(self, "_path", path)
        object.__setattr__(self, "_states", states)
        object.__setattr__(self, "_why", why)

    def __getattribute__(self, name):
        # Its own slots are the wrapped object's attributes of those names to an expression, never the wrapper's.
        if name in _Uncopied.__slots__:
            return _Uncopied.__getattr__(self, name)
        return object.__getattribute__(self, name)

    def __getattr__(self, name):
        obj = object.__getattribute__(self, "_obj")
        path = f"{object.__getattribute__(self, '_path')}.{name}"
        states = object.__getattribute__(self, "_states")
        own = getattr(obj, "__dict__", None)
        if not (type(own) is dict and name in own) and inspect.getattr_static(type(obj), name, None) is not None:
            attr = getattr(obj, name)
            if callable(attr) and getattr(attr, "__self__", None) is obj:
                raw = inspect.getattr_static(type(obj), name)
                if not isinstance(raw, (types.FunctionType, property, staticmethod, classmethod)):
                    return lambda *a, **k: _in_place(self, f"{path}(...)")  # a built-in method: on the object
            return _class_attribute(self, type(obj), name, attr, path, states)
        return _read(getattr(obj, name), path, states)

    def __setattr__(self, name, value):
        _read_only(f"{object.__getattribute__(self, '_path')}.{name} = ...")

    def __delattr__(self, name):
        _read_only(f"del {object.__getattribute__(self, '_path')}.{name}")

    def __getitem__(self, key):
        obj = object.__getattribute__(self, "_obj")
        return _read(obj[key], f"{object.__getattribute__(self, '_path')}[{key!r}]", object.__getattribute__(self, "_states"))

    def __setitem__(self, key, value):
        _read_only(f"{object.__getattribute__(self, '_path')}[{key!r}] = ...")

    def __delitem__(self, key):
        _read_only(f"del {object.__getattribute__(self, '_path')}[{key!r}]")

    def __iter__(self):
        obj = object.__getattribute__(self, "_obj")
        if iter(obj) is obj:
            _in_place(self, f"iterating {object.__getattribute__(self, '_path')}")  # it would consume it
        path, states = object.__getattribute__(self, "_path"), object.__getattribute__(self, "_states")
        return iter([_read(x, f"{path}[{i}]", states) for i, x in enumerate(obj)])

    def __next__(self):
        _in_place(self, f"next({object.__getattribute__(self, '_path')})")

    def __call__(self, *args, **kwargs):
        _in_place(self, f"{object.__getattribute__(self, '_path')}(...)")

    def __len__(self):
        return len(object.__getattribute__(self, "_obj"))

    def __contains__(self, x):
        return x in object.__getattribute__(self, "_obj")

    def __bool__(self):
        return bool(object.__getattribute__(self, "_obj"))

    def __eq__(self, other):
        return object.__getattribute__(self, "_obj") == other

    def __hash__(self):
        return hash(object.__getattribute__(self, "_obj"))

    def __repr__(self):
        return repr(object.__getattribute__(self, "_obj"))

    def __str__(self):
        return str(object.__getattribute__(self, "_obj"))


class NoSelf:
    """`self` where no keyed function is at work: any use of it raises, saying why."""

    def __getattr__(self, name):
        raise TypeError("self: no keyed function was at work where the expression ran (a key selector, a timestamp "
                        "assigner or a map before key_by runs outside any key's call); self is the job's "
                        "KeyedProcessFunction at a key")
