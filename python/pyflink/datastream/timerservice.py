# TimerService: the engine's timer service for the key being processed (pyflink.datastream.timerservice).
from sys import _getframe

import _riffle
from _riffle import MAX_EXACT_INT, flush, flushing, op_sites, ops

# A timer service no call buffers for (_riffle.buffering is never this).
_NEVER = object()


class TimerService:
    """Bound once per operator to the engine's timer service; every call goes to the same timers as a TS job.
    While the owning operator's call buffers (_riffle.buffering), event-time timer calls with an exact int
    timestamp become ops the engine applies in order (python-bridge.ts applyOps); any other call applies the
    buffered ones first."""

    def __init__(self, js_timer_service=None, owner=None):
        if js_timer_service is None:
            return
        j = js_timer_service
        self._owner = _NEVER if owner is None else owner
        self.current_processing_time = flushing(j.currentProcessingTime)
        self.current_watermark = flushing(j.currentWatermark)
        self._register = _millis(j.registerEventTimeTimer)
        self._delete = _millis(j.deleteEventTimeTimer)
        self.register_processing_time_timer = flushing(_millis(j.registerProcessingTimeTimer))
        self.delete_processing_time_timer = flushing(_millis(j.deleteProcessingTimeTimer))

    def register_event_time_timer(self, timestamp):
        if _riffle.buffering is self._owner and type(timestamp) is int and -MAX_EXACT_INT <= timestamp <= MAX_EXACT_INT:
            ops.append("r" + str(timestamp))
            f = _getframe(1)
            op_sites.append(f)
            op_sites.append(f.f_lasti)
            return None
        if ops:
            flush()
        return self._register(timestamp)

    def delete_event_time_timer(self, timestamp):
        if _riffle.buffering is self._owner and type(timestamp) is int and -MAX_EXACT_INT <= timestamp <= MAX_EXACT_INT:
            ops.append("d" + str(timestamp))
            f = _getframe(1)
            op_sites.append(f)
            op_sites.append(f.f_lasti)
            return None
        if ops:
            flush()
        return self._delete(timestamp)


def _millis(js_fn):
    """js_fn(timestamp) with an int timestamp crossing as a number (_riffle.as_number, in this frame: it runs for
    every timer call): a timestamp needs 41 bits."""
    def call(timestamp):
        if type(timestamp) is int and -MAX_EXACT_INT <= timestamp <= MAX_EXACT_INT and not -2147483648 <= timestamp <= 2147483647:
            return js_fn(float(timestamp))
        return js_fn(timestamp)
    return call
