# What an AggregatingState's get() gives a Python job and its debugger expressions: PyFlink hands back the very object
# the aggregate's get_result returned (3.0 a float, a tuple a tuple), where the engine keeps JavaScript's value of it
# (3, a list). The get_result wrapper (pyflink/datastream/state.py) keeps its last result by state name here; the
# job's get() returns it when its own call made it (_state_handles._Aggregating), and a debugger expression, whose
# value crossed from the engine as JSON, takes from it what JSON lost (rebuild).
from _riffle_values import JobValueError

# State name -> the Python value its get_result last returned.
results = {}
# State name -> the repr the engine keeps of a last result JSON cannot hold (engine_value).
stand_ins = {}

# State name -> the value the job's add() in progress was given (UNSET when none is): the aggregate's add, or a
# ReducingState's reduce function as its second value, gets it as it is, as PyFlink's add hands it over, not the
# engine's JSON of it (a tuple, 1.0, a set).
inputs = {}

# Set before a get(): still there after it when the engine did not run get_result (an empty state).
UNSET = object()

_PLAIN = (int, float, str, bool, type(None))


def forget():
    """Drops what the previous job's calls left here (_riffle_job.load): its objects, and no stale match by name."""
    results.clear()
    stand_ins.clear()
    inputs.clear()


def kept(name, value):
    results[name] = value
    return value


def engine_value(name, value, to_js):
    """What the engine keeps of get_result's `value` (to_js's JSON-compatible form). PyFlink's get() hands the result
    back unserialized, so it may be a set or an object of the job's: the engine then keeps its repr, and the job's
    get(), the trace and expressions read the value itself (results)."""
    try:
        js = to_js(value, "get_result(accumulator)")
    except JobValueError:
        text = repr(value)
        stand_ins[name] = text
        return text
    stand_ins.pop(name, None)
    return js


def engine_input(value, dumps, what):
    """The JSON text the engine gets of add()'s `value` (its trace writes it); the repr's where JSON cannot hold it (a
    set): only the aggregate's add reads the value, and it gets the value itself (add_input)."""
    try:
        return dumps(value, what)
    except JobValueError:
        return dumps(repr(value), what)


def add_input(name, v, to_py):
    """What the aggregate's add (a reduce function as its second value) gets: the value the job's add() was given, else (no add() of the job's in progress)
    the engine's value `v` as Python reads it."""
    x = inputs.get(name, UNSET)
    return to_py(v) if x is UNSET else x


def call_repr(name, part):
    """repr() of the value of the job's call on state `name` in progress, as a step's trace writes it: part "input",
    what its add() was given (('/x', 1.0), not JSON's ['/x', 1]); "result", what its get() returned (3.0, not 3). None
    when there is none (an empty state's get() ran no get_result)."""
    r = (inputs if part == "input" else results).get(name, UNSET)
    return None if r is UNSET else repr(r)


def _as_python(py, v):
    """v (the engine's JSON value of a result) with py's floats, tuples and dict order where py holds the same data;
    v where they differ (a result kept from another key's call, an object of the job's): no job code runs here."""
    tp, tv = type(py), type(v)
    if tp is float and tv is int:
        return py if py == v else v
    if tp in _PLAIN:
        return v
    if (tp is tuple or tp is list) and tv is list and len(py) == len(v):
        items = [_as_python(a, b) for a, b in zip(py, v)]
        return tuple(items) if tp is tuple else items
    if tp is dict and tv is dict and len(py) == len(v) and all(type(k) is str and k in v for k in py):
        return {k: _as_python(x, v[k]) for k, x in py.items()}
    return v


def rebuild(scope):
    """The aggregating states' values in a debugger expression's scope as the job's get() gives them."""
    for name, py in results.items():
        v = scope.get(name)
        if v is None:
            continue
        # A result JSON cannot hold (a set): the engine kept its repr, the expression reads the value itself.
        scope[name] = py if type(v) is str and stand_ins.get(name) == v else _as_python(py, v)
