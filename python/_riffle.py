# Riffle's bridge between a Python job and the engine: values across the boundary, the job file's line of the current
# call, exceptions as the engine reports them. Beside it: _riffle_values (JSON of the values), _riffle_job (loading
# and building the job), _riffle_streams, _riffle_pure, _riffle_expressions, _clock.
import json
import sys

import _riffle_clock
import _riffle_typed
import _riffle_streams
from _riffle_pure import plain_read, pure
from _riffle_values import MAX_EXACT_INT, _INF, JobValueError, _check_number, _encode, _scan, dumps, float_refused
from pyodide.ffi import JsException, JsProxy


# Set by install(): the JS side's helpers and the job file's path (its frames are the job's lines).
js = None
job_file = None
_parse = None
_stringify = None
_warned = set()


def install(js_bridge, path):
    global js, job_file, _parse, _stringify
    js = js_bridge
    job_file = path
    _parse = js_bridge.parse
    _stringify = js_bridge.stringify
    _warned.clear()
    _riffle_typed.state_readers.clear()  # the last job's typed states (breakpoint expressions)
    # The job's time and random read the run's clock (before the job module is loaded, so its imports get them).
    _riffle_clock.install(js_bridge, path)
    _riffle_streams.install()  # the job's stdout, stderr and excepthook


_record = None
# The record last handed over (record_proxy), and the current input batch's records, decoded at once (batch()):
# a record of it crosses as its index.
_batch = []


def batch(text):
    """The engine's next input batch (its records as one JSON array): one decoding instead of one per record."""
    global _batch
    _batch = _scan(text, 0)[0]


def to_js(v, what):
    """A Python value as the engine's JSON-compatible value (tuples become lists)."""
    t = type(v)
    if v is None or t is str or t is bool:
        return v
    if t is int:
        _check_number(v, what)
        return as_number(v)
    if t is float:
        _check_number(v, what)
        return v
    return _parse(dumps(v, what))


def as_number(v):
    """An int for JavaScript: beyond 32 bits Pyodide converts it through a BigInt (slow), a float is the same number."""
    return float(v) if (v > 2147483647 or v < -2147483648) and -MAX_EXACT_INT <= v <= MAX_EXACT_INT else v


def to_py(v):
    """An engine value as plain Python (dict, list, str, int, float, bool, None)."""
    t = type(v)
    if t is str or t is int or t is float or t is bool or v is None:  # before isinstance: JsProxy's check is slow
        return v
    if isinstance(v, JsProxy):
        return json.loads(_stringify(v))
    return v



def _job_frame(frame):
    while frame is not None and frame.f_code.co_filename != job_file:
        frame = frame.f_back
    return frame


# The line of the `yield` whose value is being emitted: the generator is suspended then, so off the stack.
yield_line = 0
# The value being emitted, as the job yielded or collected it (a tuple, a Row, 3.0), _NOTHING when none is: a step's
# trace writes it in its repr (emitting_repr), where the engine keeps its JSON.
_NOTHING = object()
emitting = _NOTHING


def emitting_repr():
    """repr() of the value being emitted, as print writes it (('u1', 3), not the JSON ["u1",3]), or None."""
    return None if emitting is _NOTHING else repr(emitting)


def current_line():
    """The job file's line of the call in progress (innermost job frame), or 0: cheap enough per call."""
    f = _job_frame(sys._getframe().f_back)
    return yield_line if f is None else f.f_lineno


def job_lines():
    """The job file's lines on the current stack, innermost first (where a trace, finding or line breakpoint is)."""
    lines = []
    f = _job_frame(sys._getframe())
    while f is not None:
        lines.append(f.f_lineno)
        f = _job_frame(f.f_back)
    return json.dumps(lines)


def warn_once(message):
    """A warning reported once per job line (the `out.collect` form, Riffle-only extensions)."""
    line = current_line()
    if line in _warned:
        return
    # Kept as said only when the run's owner took it: a backend check's runs (the same runtime, muted) must not
    # use up the line, or the session would never list the notice when it reaches that line itself.
    if js.warn(message, line):
        _warned.add(line)


def _position(tb):
    """(line, column) of the innermost traceback entry in the job file, or (0, 0)."""
    return _place(tb)[:2]


def _place(tb):
    """(line, column, function) of the innermost traceback entry in the job file, or (0, 0, ""): the function is
    "" at the module's top level and in a lambda, as a TypeScript job's paused frame names none there."""
    found = (0, 0, "")
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename == job_file:
            col = 0
            try:
                pos = list(code.co_positions())[tb.tb_lasti // 2]
                col = (pos[2] or 0) + 1
            except (IndexError, ValueError, TypeError):
                pass
            found = (tb.tb_lineno, col, "" if code.co_name.startswith("<") else code.co_name)
        tb = tb.tb_next
    return found


def report(e):
    """Hands the engine what it needs to name an exception: the JS error (for the engine's own) or type/line (and,
    for the watchdog's KeyboardInterrupt, the function it stopped, which its JOB_TIMEOUT names)."""
    line, col, function = _place(e.__traceback__)
    if getattr(e, "line", None):
        line, col, function = e.line, 0, getattr(e, "function", "")
    if isinstance(e, JsException):
        return js.jsError(e.js_error, line, col)
    return js.pyError(type(e).__name__, str(e), line, col, function)


_REFUSALS = {"TypeError": TypeError, "ValueError": ValueError}


def refused(e):
    """A JsException from the engine's refusal of a call (a state registration, a timer) as the Python exception
    PyFlink raises (TypeError, ValueError), so the job's `except TypeError:` catches it; uncaught, it reports the
    same message and line. The engine's own errors (a stop, a disk error) come back as they are. Raise it `from
    None` in the calling frame. A state handle's calls need none of this: the engine raises through raise_refused."""
    kind = js.refusalType(e.js_error)
    return _REFUSALS[kind](js.refusalMessage(e.js_error)) if kind else e


def raise_refused(kind, message):
    """Called by the engine (PythonBridge.refuse) for its refusal of a state handle's call: the exception raised
    here is the one the job's call raises, as Pyodide gives back a Python exception that crossed JavaScript."""
    raise _REFUSALS[kind](message)


def list_of(js_iterable):
    """An engine iterable (list state, map keys/values/entries) as a Python list of plain values."""
    return json.loads(js.jsonOf(js_iterable))


def guarded(fn):
    """fn for the engine to call: an exception is reported (job line, type) before it leaves Python."""
    def call(*args):
        try:
            return fn(*args)
        except BaseException as e:
            report(e)
            raise
    return call


def record_proxy(fn, what=None):
    """proxy(fn) for a record function the engine calls with the record (what the bridge's recordText gave):
    record() and guarded() in one frame, as this runs for every record of every function. With `what`, fn's result
    goes to the engine as to_js(result, what) gives it, a str or an int converted in this same frame."""
    from pyodide.ffi import create_proxy

    if what is None:
        def call(x):
            global _record
            try:
                if x is not None:
                    _record = _batch[x] if type(x) is int else _scan(x, 0)[0]
                return fn(_record)
            except BaseException as e:
                report(e)
                raise
        return create_proxy(call)

    def convert(x):
        global _record
        try:
            if x is not None:
                _record = _batch[x] if type(x) is int else _scan(x, 0)[0]
            v = fn(_record)
            t = type(v)
            if t is str:
                return v
            if t is int and -MAX_EXACT_INT <= v <= MAX_EXACT_INT:
                return v if -2147483648 <= v <= 2147483647 else float(v)  # as_number
            return to_js(v, what)
        except BaseException as e:
            report(e)
            raise
    return create_proxy(convert)


def assigner_proxy(fn, decode=None):
    """record_proxy(fn, "the timestamp") for a timestamp assigner, called with the record (rebuilt by decode, the
    stream's declared type's: _riffle_typed) and the previous timestamp."""
    from pyodide.ffi import create_proxy
    call = fn if decode is None else (lambda v, previous: fn(decode(v), previous))

    def convert(x, previous):
        global _record
        try:
            if x is not None:
                _record = _batch[x] if type(x) is int else _scan(x, 0)[0]
            v = call(_record, previous)
            t = type(v)
            if t is int:
                if -MAX_EXACT_INT <= v <= MAX_EXACT_INT:
                    return v if -2147483648 <= v <= 2147483647 else float(v)  # as_number
                return v  # a BigInt: the engine's timestamp rule (timestamp-range.ts) names it exactly, as the record's fault
            if t is float:
                if (v == _INF or v == -_INF) and js.assignerRecordHoldsInfinity():
                    # The line's own 1e400 (inf to json.loads): the engine's timestamp rule makes it a bad line of the
                    # recording, as a TypeScript job's Infinity (timestamp-range.ts assignedTimestamp).
                    return v
                raise _at_assigner(fn, _float_timestamp(v)) from None
            try:
                return to_js(v, "the timestamp")
            except JobValueError:
                if type(v) is int:
                    raise
                raise _at_assigner(fn, _not_a_timestamp(v)) from None
        except BaseException as e:
            report(e)
            raise
    return create_proxy(convert)


def _float_timestamp(v):
    """An assigner's float, even a whole one (1000.0, e["ts"] * 1.0): JavaScript cannot tell 1000.0 from 1000, but
    PyFlink writes the timestamp with its long coder, which refuses any float, so the job would fail only on a
    cluster. As a timer's (pyflink/datastream/timerservice.py _whole_float); a fraction, nan or inf is a float too."""
    return float_refused(f"the timestamp assigner returned {v!r}, a float", "PyFlink's timestamp is an int (Flink's long)")


def _not_a_timestamp(v):
    """An assigner's result that is no JSON value (a datetime): said as the engine says a str's (it read 'the
    timestamp: a datetime is not JSON-compatible', at no line)."""
    return TypeError(f"the timestamp assigner returned {v!r} ({type(v).__name__}); it must return a number of milliseconds"
                     + (" (int(dt.timestamp() * 1000) for a datetime)" if type(v).__name__ == "datetime" else ""))


def _at_assigner(fn, e):
    """e, reported at the assigner's line (its def, or the lambda's line): the call has returned, so no job frame
    of it is left to name one."""
    code = getattr(getattr(fn, "__func__", fn), "__code__", None)
    e.line = code.co_firstlineno if code is not None and code.co_filename == job_file else 0
    return e


def prefetch_proxy(fn, assigner):
    """For a pure key selector (or timestamp assigner, assigner=True): block(start, count, previous) gives fn's
    results for the current batch's records start, start+1, ... as JSON text, as far as each is a number (an int for
    an assigner; for a key, a str too) that to_js would hand over as it is; it stops before a record whose call raises or gives
    anything else, which the engine then calls at its step. None when fn is not pure (pure())."""
    if not pure(fn, 2 if assigner else 1):
        return None
    from pyodide.ffi import create_proxy

    def block(start, count, previous):
        out = []
        b = _batch
        for i in range(start, min(len(b), start + count)):
            try:
                v = fn(b[i], previous) if assigner else fn(b[i])
            except Exception:
                break
            t = type(v)
            if t is int:
                if not -MAX_EXACT_INT <= v <= MAX_EXACT_INT:
                    break
            elif t is float:
                if assigner or v != v or v == _INF or v == -_INF:
                    break  # an assigner's float is the job's error (assigner_proxy), raised at its step
            elif t is not str or assigner:
                break
            out.append(v)
        return _encode(out)
    return create_proxy(guarded(block))


def proxy(fn):
    """A guarded fn the engine may keep and call later (a plain Python callable passed to JS dies after the call)."""
    from pyodide.ffi import create_proxy
    return create_proxy(guarded(fn))
