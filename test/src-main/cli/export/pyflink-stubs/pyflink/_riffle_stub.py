# The stubs' call log (not a PyFlink module): each pipeline-building call appends (name, detail) here, and
# the test reads it after running the generated main.
CALLS = []


def record(name, detail=None):
    CALLS.append([name, detail])


def require(value, kinds, what):
    # PyFlink fails with a TypeError (or deep in the Java gateway) when handed the wrong kind of object.
    if not isinstance(value, kinds):
        raise TypeError("%s must be %s, got %r" % (what, " or ".join(k.__name__ for k in (kinds if isinstance(kinds, tuple) else (kinds,))), value))
