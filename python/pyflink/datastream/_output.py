# A keyed process function's outputs on their way to the engine: each yielded, returned or collected value laid out by
# the operator's declared output_type (refused where PyFlink's coder for it fails) and handed to the engine's collector
# or a side output; a result PyFlink could not iterate, refused at the job's line that returned it.
import dis

import _riffle
from _riffle import _NOTHING
from _riffle_values import dumps, is_plain
from pyflink.datastream.output_tag import OutputTag
from pyflink.datastream.timerservice import LONG_MAX, LONG_MIN


class _Collector:
    """The seed article's `out` (not PyFlink's API: process_element yields there)."""

    def __init__(self, op):
        self._op = op

    def collect(self, value):
        _riffle.warn_once("out.collect(...) is the seed article's form and will not run on a Flink cluster: "
                          "PyFlink's process_element(self, value, ctx) / on_timer(self, timestamp, ctx) yield their outputs")
        self._op.emit(value, None)


# The line of each function's `return` of outputs, by code object (_return_line).
_return_lines = {}


def _return_line(fn):
    """The line of fn's one `return` of a value that has items, or of its def when it has several (which one ran
    is not known once its frame is gone); 0 when fn has no code of its own."""
    code = getattr(fn, "__code__", None)
    if code is None:
        return 0
    line = _return_lines.get(code)
    if line is None:
        lines = set()
        prev = None
        for i in dis.get_instructions(code):
            if i.opname in ("RETURN_VALUE", "RETURN_CONST") and not _returns_nothing(i, prev) and i.positions.lineno:
                lines.add(i.positions.lineno)
            prev = i
        line = lines.pop() if len(lines) == 1 else code.co_firstlineno
        _return_lines[code] = line
    return line


def _returns_nothing(ret, prev):
    """A return of None (the implicit one too), [] or (): it emits nothing, so its line is never asked for."""
    if ret.opname == "RETURN_CONST":
        return ret.argval is None or ret.argval == ()
    if prev is None:
        return False
    if prev.opname == "LOAD_CONST":
        return prev.argval is None or prev.argval == ()
    return prev.opname in ("BUILD_LIST", "BUILD_TUPLE") and prev.arg == 0


def not_iterable(result, fn, said):
    """The TypeError for a result PyFlink cannot iterate (0, False, 5), at fn's return line: PyFlink's emit code
    iterates what process_element, on_timer and a flat_map function return (`for result in results`, `yield from`:
    pyflink/fn_execution/datastream/process/input_handler.py, data_stream.py FlatMapProcessFunctionAdapter), so the
    job fails there with "'int' object is not iterable", at no line of its own. `said`: the function, as the job
    names it. None (a function without a yield) is said so, at its def: which of its ends returned it is not known."""
    if result is None:
        e = TypeError(f"{said} returned None, which is not iterable: PyFlink runs {said} through `yield from`, which "
                      "fails on None on a cluster; yield its outputs, or end it with `yield from ()` when it has none")
    else:
        e = TypeError(f"{said} returned {result!r} ({type(result).__name__}), which is not iterable: PyFlink emits "
                      "each item of what it returns, so yield each output (or return a list of them)")
    code = getattr(fn, "__code__", None)
    if code is not None and code.co_filename == _riffle.job_file:
        e.line = code.co_firstlineno if result is None else _return_line(fn)
        e.function = "" if code.co_name.startswith("<") else code.co_name
    return e


def no_on_timer(process):
    """The TypeError for a timer fired on a class of the job's without an on_timer: PyFlink's
    KeyedProcessFunction.on_timer is `pass`, and its TimerHandler runs the None it returns through `yield from`."""
    cls = getattr(process, "__self__", None).__class__
    e = TypeError(f"a timer fired, but {cls.__name__} has no on_timer: PyFlink's KeyedProcessFunction.on_timer returns "
                  "None, which fails its `yield from` on a cluster; define on_timer(self, timestamp, ctx), ending it "
                  "with `yield from ()` when it emits nothing")
    e.line = getattr(cls, "__firstlineno__", process.__code__.co_firstlineno)
    e.function = ""
    return e


class Outputs:
    """RiffleOperator's output path (a base class, so the per-record calls stay plain method calls): emit() sends
    one value on, _drain() each of a function's results. Needs _encode, _collect, _collect_json, _output_json, api."""

    def emit(self, value, gen):
        if gen is not None and getattr(gen, "gi_frame", None) is not None:
            _riffle.yield_line = gen.gi_frame.f_lineno
        try:
            if type(value) is tuple and len(value) == 2 and isinstance(value[0], OutputTag):
                tag = value[0]
                _riffle.emitting = value[1]
                v = value[1] if tag._encode is None else tag._encode(value[1])
                self._output_json(tag._to_js(self.api), dumps(v, f"yield {tag.tag_id!r}, value"))
            else:
                _riffle.emitting = value
                if self._encode is not None:
                    value = self._encode(value)
                what = "the yielded value" if gen is not None else "out.collect(value)"
                if is_plain(value, what):
                    self._collect(value)
                else:
                    self._collect_json(dumps(value, what))
        except BaseException as e:  # the watchdog's KeyboardInterrupt too: it most often lands here, in an output
            if type(e) is _riffle.JobValueError and type(value) is int and (value == LONG_MAX or value == LONG_MIN):
                # A time at the extremes (the end of input's watermark) is refused as past 2^53, yet nested in a dict
                # it is written, and a TypeScript job emits MAX_TIMESTAMP: the same number here.
                self._collect(float(value))
                return
            if gen is not None and getattr(gen, "gi_frame", None) is not None:
                try:
                    e.line = gen.gi_frame.f_lineno  # the yield's line, which the traceback does not show
                    e.function = gen.gi_code.co_name
                except AttributeError:
                    pass
            raise
        finally:
            _riffle.yield_line = 0
            _riffle.emitting = _NOTHING

    def _drain(self, result, fn):
        if result is None:
            return
        if not hasattr(result, "__next__"):
            # `return [x]`: the function's frame is gone, so its outputs are given the line of its return.
            line = _return_line(fn)
            try:
                result = iter(result)
            except TypeError:
                raise not_iterable(result, fn, fn.__name__) from None
            for value in result:
                _riffle.yield_line = line
                try:
                    self.emit(value, result)
                except BaseException as e:
                    if line:
                        try:
                            e.line = line  # a value that cannot be emitted is the return's error
                            e.function = getattr(fn, "__name__", "")
                        except AttributeError:
                            pass
                    raise
            return
        try:
            for value in result:
                self.emit(value, result)
        except KeyboardInterrupt as e:
            # The watchdog's interrupt between two yields (in this loop, the generator suspended at its yield, so no job
            # frame in the traceback): the generator's place. A generator that raised itself is closed (no gi_frame).
            frame = getattr(result, "gi_frame", None)
            if frame is not None and not getattr(e, "line", None):
                e.line = frame.f_lineno
                e.function = result.gi_code.co_name
            raise
