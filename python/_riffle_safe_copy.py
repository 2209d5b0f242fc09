# Time travel's copy of one of the job's objects without running the job's code (_riffle_fields.py's hook for what is
# no dict, list, tuple or set). A snapshot is taken between steps, outside the watchdog's gate and with no record at
# work, so copy.deepcopy's calls into an object's own class (its __deepcopy__, __reduce_ex__, __getstate__, a
# __getattr__ that copy's lookups reach, ...) could change the job or never return there. An object whose class, or a
# class it derives from, is the job's and defines such a method is refused (a JobCodeInCopy, which the caller names in
# the session's notices, as it does a lock); any other is rebuilt as copy.deepcopy would, with what it holds copied
# by the same walk, so an object inside it is checked too. A dict (or set) whose key's class is the job's and defines
# __hash__ or __eq__ is refused the same way: the copy hashes each key again as it builds the new dict.
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


def job_hook(cls):
    """The first method of _HOOKS that one of the job's classes in cls's MRO defines, as `Class.method`, or None."""
    try:
        return _answers[cls]
    except KeyError:
        pass
    except TypeError:
        return None
    found = next((f"{c.__qualname__}.{name}" for c in cls.__mro__ if _jobs(c) for name in _HOOKS if name in vars(c)), None)
    _answers[cls] = found
    return found


# What hashing a key may call on its class: its hash, and its equality on a collision.
_HASHING = ("__hash__", "__eq__")
_hash_answers = weakref.WeakKeyDictionary()


def check_hashed(k):
    """Raises JobCodeInCopy if hashing k (a dict key or set member the copy puts in a new dict or set) would run the
    job's code: k's class, or a class it derives from, is the job's and defines __hash__ or __eq__ (a frozen dataclass
    does), or k is a tuple holding such an object (a tuple's hash hashes its items)."""
    cls = type(k)
    if cls in _ATOMS:
        return
    try:
        found = _hash_answers[cls]
    except KeyError:
        found = next((f"{c.__qualname__}.{name}" for c in cls.__mro__ if _jobs(c) for name in _HASHING if name in vars(c)), None)
        _hash_answers[cls] = found
    except TypeError:
        found = None
    if found is not None:
        raise JobCodeInCopy(f"a key of it (a dict's key or a set's member) is of a class that defines {found}, which "
                            "copying it would run to hash the key between steps, outside the watchdog and the step's "
                            "record; time travel does not run the job's code there")
    if isinstance(k, tuple):
        for x in k:
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
