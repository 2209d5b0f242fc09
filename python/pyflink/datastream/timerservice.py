# TimerService: the engine's timer service for the key being processed (pyflink.datastream.timerservice).
from _riffle import refused
from _riffle_values import MAX_EXACT_INT, float_refused
from pyodide.ffi import JsException

# Long.MIN_VALUE and Long.MAX_VALUE: the watermark before any and at the end of input, MIN/MAX_TIMESTAMP.
LONG_MIN = -2 ** 63
LONG_MAX = 2 ** 63 - 1


def long_time(t):
    """A time from the engine as PyFlink's int at the extremes: there a JavaScript number crosses as a float
    (-9.223372036854776e+18 for the watermark before any), and JavaScript's 2^63 is Long.MAX_VALUE. Other times
    past 2^53 (a timer at 2**60) stay floats, which yield as they are, where an int past 2^53 is refused."""
    if type(t) is float and (t <= LONG_MIN or t >= LONG_MAX):
        return LONG_MAX if t > 0 else LONG_MIN
    return t


class TimerService:
    """Bound once per operator to the engine's timer service; every call goes to the same timers as a TS job."""

    def __init__(self, js_timer_service=None):
        if js_timer_service is None:
            return
        j = js_timer_service
        self.current_processing_time = _time(j.currentProcessingTime)
        self.current_watermark = _time(j.currentWatermark)
        self.register_event_time_timer = _millis(j.registerEventTimeTimer, "register_event_time_timer")
        self.register_processing_time_timer = _millis(j.registerProcessingTimeTimer, "register_processing_time_timer")
        self.delete_event_time_timer = _millis(j.deleteEventTimeTimer, "delete_event_time_timer")
        self.delete_processing_time_timer = _millis(j.deleteProcessingTimeTimer, "delete_processing_time_timer")


def _time(js_fn):
    """js_fn() as an int at the extremes (long_time)."""
    return lambda: long_time(js_fn())


def _millis(js_fn, name):
    """js_fn(timestamp) with an int timestamp crossing as a number (_riffle.as_number, in this frame: it runs for
    every timer call): a timestamp needs 41 bits."""
    def call(timestamp):
        try:
            if type(timestamp) is int and -MAX_EXACT_INT <= timestamp <= MAX_EXACT_INT and not -2147483648 <= timestamp <= 2147483647:
                return js_fn(float(timestamp))
            if type(timestamp) is float and timestamp.is_integer():
                raise _whole_float(name, timestamp)
            return js_fn(timestamp)
        except JsException as e:
            r = refused(e)
            if type(r) is not TypeError:
                raise  # the engine's stop of an endless timer chain (timer-chain.ts): no refusal for the job to catch
            raise r from None  # a time the engine refuses (None, 1.5): PyFlink's TypeError, not JsException
    return call


def _whole_float(name, t):
    """A whole float as a timer's time: JavaScript cannot tell 1000.0 from 1000, but PyFlink's timer coder writes a long
    (struct.pack('>q', ...) or Cython's int64_t), which refuses any float: the job would fail there, not here. (A
    fraction, NaN or infinity goes on to the engine's rule, which names it as a TypeScript job's.)"""
    return float_refused(f"{name}({t!r}): a float", "PyFlink's timer service takes an int (Flink's long)")
