# Time travel's copy of one of the job's objects without running the job's code (_riffle_fields.py's hook for what is
# no dict, list, tuple or set). A snapshot is taken between steps, outside the watchdog's gate and with no record at
# work, so copy.deepcopy's calls into an object's own class (its __deepcopy__, __reduce_ex__, __getstate__, a
# __getattr__ that copy's lookups reach, ...) could change the job or never return there. An object whose class, or a
# class it derives from, is the job's and defines such a method is refused (a JobCodeInCopy, which the caller names in
# the session's notices, as it does a lock); any other is rebuilt as copy.deepcopy would, with what it holds copied
# by the same walk, so an object inside it is checked too. A dict (or set) whose key's class is the job's and defines
# __hash__ or __eq__ is refused the same way: the copy hashes each key again as it builds the new dict. A method Python
# wrote for the job's class (a dataclass's, a namedtuple's) is not the job's code.
import copy
import copyreg
import sys
import weakref

# What copy.deepcopy (and object.__reduce_ex__ and copy._reconstruct, which it calls) may call on an object's class,
# beyond object's own: the copy protocol, attribute lookups, and what rebuilding a list's or dict's subclass calls.
_HOOKS = ("__deepcopy__", "__copy__", "__reduce_ex__", "__reduce__", "__getstate__", "__setstate__", "__getnewargs__",
          "__getnewargs_ex__", "__getattr__", "__getattribute__", "__setattr__", "__new__", "__class__", "__iter__",
          "items", "append", "extend", "__setitem__")

_STDLIB = frozenset(sys.stdlib_module_names) | {"builtins"}

# What copy.deepcopy returns as it is (Python 3.14 keeps them in a set of their own, no longer in its dispatch table).
_ATOMS = frozenset(getattr(copy, "_atomic_types", ()))

# Each class's answer, kept while the class lives (a job loaded again makes new classes).
_answers = weakref.WeakKeyDictionary()


class JobCodeInCopy(TypeError):
    """An object whose copy would run the job's code: time travel leaves it as it is."""


def _jobs(cls):
    """True for a class of the job's (or a package beside it), not Python's, Riffle's or its pyflink's."""
    module = (getattr(cls, "__module__", None) or "").split(".")[0]
    return module not in _STDLIB and module != "pyflink" and not module.startswith("_riffle")


def _generated(cls, f):
    """True for a method Python wrote for one of the job's classes, not the job: a dataclass's (its frozen __setattr__,
    __eq__, __hash__: code the dataclasses module compiles from a string) or a namedtuple's (its __new__, compiled so
    too, and collections' own __getnewargs__). Such code reads the object's fields, and nothing else of the job's."""
    f = getattr(f, "__func__", f)  # a staticmethod's or classmethod's function
    module = getattr(f, "__module__", None) or ""
    code = getattr(f, "__code__", None)
    if code is None:
        return False
    if module.split(".")[0] in _STDLIB and code.co_filename != "<string>":
        return True
    return code.co_filename == "<string>" and ("__dataclass_fields__" in vars(cls) or module.startswith("namedtuple_"))


def _defined(cls, names, answers):
    """The first of `names` one of the job's classes in cls's MRO defines itself (not Python for it), as
    `Class.method`, or None; kept per class in `answers`."""
    try:
        return answers[cls]
    except KeyError:
        pass
    except TypeError:
        return None
    found = next((f"{c.__qualname__}.{name}" for c in cls.__mro__ if _jobs(c) for name in names
                  if name in vars(c) and not _generated(c, vars(c)[name])), None)
    answers[cls] = found
    return found


def job_hook(cls):
    """The first method of _HOOKS that one of the job's classes in cls's MRO defines, as `Class.method`, or None."""
    return _defined(cls, _HOOKS, _answers)


# What hashing a key may call on its class: its hash, and its equality on a collision.
_HASHING = ("__hash__", "__eq__")
_hash_answers = weakref.WeakKeyDictionary()


def check_hashed(k):
    """Raises JobCodeInCopy if hashing k (a dict key or set member the copy puts in a new dict or set) would run the
    job's code: k's class, or a class it derives from, is the job's and defines __hash__ or __eq__ itself, or k is a
    tuple or a dataclass holding such an object (their hash, Python's, hashes their items or fields)."""
    cls = type(k)
    if cls in _ATOMS:
        return
    found = _defined(cls, _HASHING, _hash_answers)
    if found is not None:
        raise JobCodeInCopy(f"a key of it (a dict's key or a set's member) is of a class that defines {found}, which "
                            "copying it would run to hash the key between steps, outside the watchdog and the step's "
                            "record; time travel does not run the job's code there")
    if isinstance(k, tuple):
        for x in k:
            check_hashed(x)
        return
    fields = next((vars(c)["__dataclass_fields__"] for c in cls.__mro__ if _jobs(c) and "__dataclass_fields__" in vars(c)), None)
    if fields is not None:
        # A dataclass's generated __hash__ and __eq__ hash and compare its fields.
        for name in fields:
            try:
                x = object.__getattribute__(k, name)
            except AttributeError:
                continue
            check_hashed(x)


def copy_object(v, walk):
    """A copy of v (no dict, list, tuple, set or frozenset) that runs no method of the job's; what it holds is copied by
    walk.copy. Raises JobCodeInCopy for an object whose class defines one of _HOOKS."""
    cls = type(v)
    hook = job_hook(cls)
    if hook is not None:
        raise JobCodeInCopy(f"its class defines {hook}, which copying would run between steps, outside the "
                            "watchdog and the step's record; time travel does not run the job's code there")
    if not _jobs(cls) and (cls in _ATOMS or cls in copy._deepcopy_dispatch or issubclass(cls, type) or hasattr(cls, "__deepcopy__")):
        # Python's own atoms and types that copy themselves (a Decimal, an array, a regular expression): as
        # copy.deepcopy copies them; none holds an object of the job's.
        return copy.deepcopy(v, walk.memo)
    # One of the job's plain classes, or one of Python's that may hold the job's objects (a deque, a defaultdict, an
    # OrderedDict): rebuilt as copy.deepcopy rebuilds it (its __reduce_ex__, then copy._reconstruct), with what it
    # holds copied by the walk, which checks each of those in turn.
    if isinstance(v, (dict, set, frozenset)):
        # A defaultdict, OrderedDict, Counter or a set's subclass: rebuilt by putting each key in anew.
        for k in v:
            check_hashed(k)
    reductor = copyreg.dispatch_table.get(cls)
    rv = reductor(v) if reductor is not None else v.__reduce_ex__(4)
    if isinstance(rv, str):
        return v
    return copy._reconstruct(v, walk.memo, *rv, deepcopy=lambda x, memo=None: walk.copy(x, None))
