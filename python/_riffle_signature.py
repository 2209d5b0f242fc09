# A job function's parameters checked against the call Riffle (and PyFlink) will make, when the job is built: a
# function that cannot take them fails there, at its own .py line, instead of at its first record with no job line
# ("<lambda>() takes 1 positional argument but 2 were given" is raised by the caller, outside the job's frames).
import inspect

import _riffle


def check_call(fn, params, what, role=None):
    """Raises TypeError at fn's line when fn cannot be called with the arguments `params` names ("value, ctx") by
    `what` ("map"); a lambda or function is named by its role ("map's function" unless given)."""
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return  # a builtin or C callable (operator.itemgetter): nothing to read
    try:
        sig.bind(*(params.split(", ") if params else ()))
        return
    except TypeError:
        pass
    role = role or f"{what}'s function"
    e = TypeError(f"{_describe(fn, role)} cannot be called with ({params}), as {what} calls it")
    code = getattr(getattr(fn, "__func__", fn), "__code__", None)
    if code is not None and code.co_filename == _riffle.job_file:
        e.line = code.co_firstlineno
    raise e


def _describe(fn, role):
    """F.process_element(self, value) for a method, `map's function (lambda e)` for a lambda or function."""
    func = getattr(fn, "__func__", None)
    if func is not None:
        return f"{type(fn.__self__).__name__}.{func.__name__}{_params(func)}"
    name = getattr(fn, "__name__", None)
    if name == "<lambda>":
        return f"{role} (lambda {_params(fn)[1:-1]})"
    return f"{role} {name or type(fn).__name__}{_params(fn)}"


def _params(fn):
    try:
        return str(inspect.signature(fn))
    except (TypeError, ValueError):
        return "(...)"
