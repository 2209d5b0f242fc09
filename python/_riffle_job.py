# The job module: compiling and running the user's .py (load), the editor's live syntax check (syntax_error), building
# the job's graph from job(events) (build) and closing what that build opened itself (closer). The bridge's values,
# frames and proxies are in _riffle.
import inspect
import json

from _riffle import _position, guarded, proxy

_job = None
# The job module's names (its imports, functions, constants): debugger expressions see them (_riffle_expressions.py).
job_globals = None
# The job module's compiled code (its lines are where a line breakpoint can hit: _riffle_lines.py).
job_code = None


def load(source, path):
    """Compiles and runs the job module; None when it defines job(events), else a JSON description of why not."""
    global _job, job_code, job_globals
    import _riffle_agg_results
    import _riffle_fields
    import _riffle_self
    _riffle_agg_results.forget()  # the previous job's aggregate values (a worker loads the next job in place)
    _riffle_self.keyed_functions.clear()  # the debugger's `self` names this job's functions (RiffleOperator.index)
    _riffle_fields.tracked.clear()  # time travel keeps the fields of this job's objects (RiffleOperator, Openers)
    _job = None
    job_code = None
    job_globals = None
    try:
        code = compile(source, path, "exec")
    except SyntaxError as e:
        return json.dumps({"kind": "syntax", "type": type(e).__name__, "message": e.msg, "line": e.lineno or 0, "column": e.offset or 0})
    namespace = {"__name__": "__riffle_job__", "__file__": path, "__builtins__": __builtins__}
    try:
        exec(code, namespace)
    except BaseException as e:
        line, col = _position(e.__traceback__)
        from _riffle_hints import exception_text
        return json.dumps({"kind": "import", "type": type(e).__name__, "message": exception_text(e), "line": line, "column": col})
    job = namespace.get("job")
    if not callable(job):
        # What the message's example job(events) calls: the module's own keyed function, by its name.
        return json.dumps({"kind": "nojob", "type": "" if job is None else type(job).__name__,
                           "message": _keyed_function_name(namespace), "line": 0, "column": 0})
    _job = job
    job_code = code
    job_globals = namespace
    return None


def _keyed_function_name(namespace):
    """The name of a KeyedProcessFunction (or ProcessFunction) class the job module defines, else ""."""
    from pyflink.datastream.functions import KeyedProcessFunction, ProcessFunction
    for name, value in namespace.items():
        if isinstance(value, type) and issubclass(value, (KeyedProcessFunction, ProcessFunction)) \
                and value.__module__ == "__riffle_job__":
            return name
    return ""


def syntax_error(source, path):
    """The editor's live check: None when the source compiles, else a JSON description of its SyntaxError."""
    try:
        compile(source, path, "exec")
    except SyntaxError as e:
        return json.dumps({"type": type(e).__name__, "message": e.msg, "line": e.lineno or 0, "column": e.offset or 0,
                           "endLine": e.end_lineno or 0, "endColumn": e.end_offset or 0})
    except ValueError as e:  # a NUL byte in the source
        return json.dumps({"type": type(e).__name__, "message": str(e), "line": 1, "column": 1, "endLine": 0, "endColumn": 0})
    return None


def _build(js_events, api):
    from _riffle_signature import check_call
    from pyflink.datastream.data_stream import DataStream
    check_call(_job, "events", "Riffle", "the job function")  # def job(): raised in this frame, at no job line
    result = _job(DataStream(js_events, api))
    if not isinstance(result, DataStream):
        # Not an error at a line the job ran (a missing `return` raises nothing): the host refuses the job, naming job's line.
        got = "None" if result is None else type(result).__name__
        if inspect.iscoroutine(result):
            # async def job: closed here, so Python does not warn (from Riffle's own file) that it was never awaited.
            result.close()
            got = "a coroutine"
        return json.dumps({"returned": got, "line": _job.__code__.co_firstlineno})
    global _unclaimed, _fields
    import _riffle_fields
    # This build's objects, kept apart from the list (a backend check's load in this runtime starts it again).
    _fields = _riffle_fields.Fields(_riffle_fields.tracked, job_globals)
    openers = result._openers
    _unclaimed = None
    if not openers.claimed:
        # No keyed operator opens the job's functions (data_stream.Openers): opened here, before the first record,
        # and closed by closer()'s call at the end of the run. Such a job runs as one subtask (--parallelism refuses it).
        from types import SimpleNamespace
        openers.claimed = True
        openers.open(SimpleNamespace(index=0, of=1), api)
        _unclaimed = openers
    return result._j


build = guarded(_build)

# The functions the last build opened itself (no keyed operator closes them).
_unclaimed = None
# The fields of the last build's objects and module (_riffle_fields.Fields), for time travel.
_fields = None


def fields():
    """The last build's _riffle_fields.Fields (the engine keeps it with the run it built)."""
    return _fields


def closer():
    """For the run's end: a proxy closing the functions the last build opened itself, or None."""
    openers = _unclaimed
    return None if openers is None else proxy(openers.close)
