# What `self` is in a Python job's debugger expression (_riffle_expressions.py), as a condition in a method sees it in
# an IDE: a read-only view of the job's KeyedProcessFunction. The expression runs after the step, outside the job's
# methods, so a field holding a state handle (the object the RuntimeContext gave open(), found by its type, not by
# the field's name) reads the expression's key's state as the by-name reads do (`self.session_start.value()` is
# `session_start`, which a line breakpoint's context holds as its line started to run); any other field is a copy of its
# value now. A write raises, saying the expression only reads. A
# function kept in a field (a lambda over `self`, a bound method, a closure over a handle) runs over the view too.
import copy
import inspect
import types

from _riffle_copy import COPY, Walk
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

    __slots__ = ("_fn", "_at")

    def __init__(self, fn, states):
        object.__setattr__(self, "_fn", fn)
        object.__setattr__(self, "_at", _At(states, fn, self))

    def __getattribute__(self, name):
        # self._fn in an expression is the job's field of that name, never the view's own (the job's object itself).
        if name in ("_fn", "_at"):
            return SelfView.__getattr__(self, name)
        return object.__getattribute__(self, name)

    def __getattr__(self, name):
        fn = object.__getattribute__(self, "_fn")
        at = object.__getattribute__(self, "_at")
        fields = getattr(fn, "__dict__", {})
        if name in fields:
            return _read(fields[name], f"self.{name}", at)
        attr = getattr(type(fn), name)  # an AttributeError names the class and the attribute, as Python's own does
        return _class_attribute(self, type(fn), name, attr, f"self.{name}", at)

    def __setattr__(self, name, value):
        _read_only(f"self.{name} = ...")

    def __delattr__(self, name):
        _read_only(f"del self.{name}")

    def __repr__(self):
        return f"<{type(object.__getattribute__(self, '_fn')).__name__} as the debugger reads it>"


def _class_attribute(view, cls, name, attr, path, at):
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
    return _read(attr, path, at)


class _At:
    """Where an expression's `self` reads: the key's state values by name, the job's function object and its view."""

    def __init__(self, states, fn, view):
        self.states = states
        self.fn = fn
        self.view = view


def _read(v, path, at, memo=None):
    """A field's value `v` as an expression reads it (_riffle_copy.Walk): a handle, also inside a field's dict, list or
    tuple (self.by_name["last"]), reads the key's state; any other value is a copy (_deepcopy's), or where it cannot be
    copied, read in place (_Uncopied)."""
    return Walk(lambda x, p: _ReadState(x, p, at.states) if isinstance(x, State) else COPY,
                lambda x, p, walk: _copy_or_wrap(x, p, at, walk.memo), memo).copy(v, path)


def _copy_or_wrap(v, path, at, memo):
    try:
        return _deepcopy(v, path, at, memo)
    except Exception as e:
        # A module is the job module's global too (an expression reads those as they are): only an object is wrapped.
        return v if isinstance(v, types.ModuleType) else _Uncopied(v, path, at, f"{type(e).__name__}: {e}")


# What a function kept in a field can be: a Python function (a lambda, a nested def), a bound method (self.cb =
# self.on_x), a built-in method of a value (self.push = self.seen.append) or a method-wrapper (self.seen.__setitem__).
_FUNCTION_TYPES = (types.FunctionType, types.MethodType, types.BuiltinMethodType, types.MethodWrapperType)


def _deepcopy(v, path, at, memo):
    """copy.deepcopy of a field's value `v`, where the job's object is the view and a function, at any depth (a lambda
    in a field's object), is _function's copy of it. Python's copy keeps a function as it is (it is "atomic"), so for
    this call only its types are taken out of copy's atomic types and given a copier; the job's code does not run
    meanwhile (an expression runs between its steps)."""
    memo.setdefault(id(at.fn), at.view)
    atomic = getattr(copy, "_atomic_types", set())
    taken = [t for t in _FUNCTION_TYPES if t in atomic]
    saved = {t: copy._deepcopy_dispatch.get(t) for t in _FUNCTION_TYPES}
    atomic.difference_update(taken)
    for t in _FUNCTION_TYPES:
        copy._deepcopy_dispatch[t] = lambda f, m: _function(f, path, at, m)
    try:
        return copy.deepcopy(v, memo)
    finally:
        atomic.update(taken)
        for t, copier in saved.items():
            if copier is None:
                copy._deepcopy_dispatch.pop(t, None)
            else:
                copy._deepcopy_dispatch[t] = copier


def _function(f, path, at, memo):
    """A function kept in the job's object as an expression runs it: over the view, so it cannot change the run. A
    method bound to the job's object is bound to the view (as the class's methods are), one bound to another value
    to a copy of it; a Python function whose closure holds variables (a lambda over `self`, a handle kept in a local)
    is remade over copies of them, the job's object being the view and a handle the key's state, read-only."""
    if isinstance(f, types.MethodType):
        return types.MethodType(f.__func__, _read(f.__self__, f"{path}.__self__", at, memo))
    if not isinstance(f, types.FunctionType):
        owner = getattr(f, "__self__", None)
        if owner is None or isinstance(owner, types.ModuleType):
            return f  # a built-in function (len, math.floor): no object of the job's
        return getattr(_read(owner, f"{path}.__self__", at, memo), f.__name__)
    if not f.__closure__:
        return f  # it reads its arguments and the module's globals, as the class's methods do
    cells = tuple(types.CellType() for _ in f.__closure__)
    g = types.FunctionType(f.__code__, f.__globals__, f.__name__, f.__defaults__, cells)
    g.__kwdefaults__ = copy.copy(f.__kwdefaults__)
    memo[id(f)] = g  # before its cells: a nested def that calls itself holds itself
    for name, cell, new in zip(f.__code__.co_freevars, f.__closure__, cells):
        try:
            value = cell.cell_contents
        except ValueError:
            continue  # a variable not yet assigned
        new.cell_contents = at.view if value is at.fn else _read(value, f"{path}'s {name}", at, memo)
    return g


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

    __slots__ = ("_obj", "_path", "_at", "_why")

    def __init__(self, obj, path, at, why):
        object.__setattr__(self, "_obj", obj)
        object.__setattr__(self, "_path", path)
        object.__setattr__(self, "_at", at)
        object.__setattr__(self, "_why", why)

    def __getattribute__(self, name):
        # Its own slots are the wrapped object's attributes of those names to an expression, never the wrapper's.
        if name in _Uncopied.__slots__:
            return _Uncopied.__getattr__(self, name)
        return object.__getattribute__(self, name)

    def __getattr__(self, name):
        obj = object.__getattribute__(self, "_obj")
        path = f"{object.__getattribute__(self, '_path')}.{name}"
        at = object.__getattribute__(self, "_at")
        own = getattr(obj, "__dict__", None)
        if not (type(own) is dict and name in own) and inspect.getattr_static(type(obj), name, None) is not None:
            attr = getattr(obj, name)
            if callable(attr) and getattr(attr, "__self__", None) is obj:
                raw = inspect.getattr_static(type(obj), name)
                if not isinstance(raw, (types.FunctionType, property, staticmethod, classmethod)):
                    return lambda *a, **k: _in_place(self, f"{path}(...)")  # a built-in method: on the object
            return _class_attribute(self, type(obj), name, attr, path, at)
        return _read(getattr(obj, name), path, at)

    def __setattr__(self, name, value):
        _read_only(f"{object.__getattribute__(self, '_path')}.{name} = ...")

    def __delattr__(self, name):
        _read_only(f"del {object.__getattribute__(self, '_path')}.{name}")

    def __getitem__(self, key):
        obj = object.__getattribute__(self, "_obj")
        return _read(obj[key], f"{object.__getattribute__(self, '_path')}[{key!r}]", object.__getattribute__(self, "_at"))

    def __setitem__(self, key, value):
        _read_only(f"{object.__getattribute__(self, '_path')}[{key!r}] = ...")

    def __delitem__(self, key):
        _read_only(f"del {object.__getattribute__(self, '_path')}[{key!r}]")

    def __iter__(self):
        obj = object.__getattribute__(self, "_obj")
        if iter(obj) is obj:
            _in_place(self, f"iterating {object.__getattribute__(self, '_path')}")  # it would consume it
        path, at = object.__getattribute__(self, "_path"), object.__getattribute__(self, "_at")
        return iter([_read(x, f"{path}[{i}]", at) for i, x in enumerate(obj)])

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


def unchanged_job(fn, call):
    """call() (a debugger expression where `fn` is the keyed function at work), its change to `fn`'s fields or its
    classes' attributes undone and raised as its error: the backstop of the read-only `self`, for what reaches the job
    around it (a method using a module variable that holds the job's object, setattr on the job's class, the job
    module's names being an expression's globals). Compared one level deep, by identity: a change inside a field's
    list or dict that way is not seen."""
    own = getattr(fn, "__dict__", None)
    before = [] if type(own) is not dict else [("self", own, dict(own))]
    classes = [c for c in type(fn).__mro__ if c.__module__ not in ("builtins", "abc") and not c.__module__.startswith("pyflink.")]
    before += [(c.__name__, c, dict(c.__dict__)) for c in classes]
    try:
        value = call()
    except BaseException:
        for b in before:
            _restore(*b)
        raise
    changed = [x for b in before for x in _restore(*b)]
    if changed:
        raise TypeError(f"the expression changed the job ({', '.join(changed)}) through a way the read-only `self` cannot "
                        "see (a module variable holding the job's object, its class); the change is undone: a debugger "
                        "expression only reads the job")
    return value


def _restore(name, obj, saved):
    """Puts `obj` (a field dict or a class) back as `saved`; what had changed, as `name.attribute`."""
    now = obj if type(obj) is dict else obj.__dict__
    changed = [k for k in now if k not in saved] + [k for k, v in saved.items() if k not in now or now[k] is not v]
    for k in changed:
        if type(obj) is dict:
            obj.pop(k, None) if k not in saved else obj.__setitem__(k, saved[k])
        elif k in saved:
            setattr(obj, k, saved[k])
        else:
            delattr(obj, k)
    return [f"{name}.{k}" for k in changed]


class NoSelf:
    """`self` where no keyed function is at work: any use of it raises, saying why."""

    def __getattr__(self, name):
        raise TypeError("self: no keyed function was at work where the expression ran (a key selector, a timestamp "
                        "assigner or a map before key_by runs outside any key's call); self is the job's "
                        "KeyedProcessFunction at a key")
