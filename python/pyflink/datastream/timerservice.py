# TimerService: the engine's timer service for the key being processed (pyflink.datastream.timerservice).
_INF = float("inf")


class TimerService:
    """Bound once per operator to the engine's timer service; every call goes to the same timers as a TS job."""

    def __init__(self, js_timer_service=None):
        if js_timer_service is None:
            return
        j = js_timer_service
        self.current_processing_time = j.currentProcessingTime
        self.current_watermark = j.currentWatermark
        self.register_event_time_timer = _millis(j.registerEventTimeTimer, "register_event_time_timer")
        self.register_processing_time_timer = _millis(j.registerProcessingTimeTimer, "register_processing_time_timer")
        self.delete_event_time_timer = _millis(j.deleteEventTimeTimer, "delete_event_time_timer")
        self.delete_processing_time_timer = _millis(j.deleteProcessingTimeTimer, "delete_processing_time_timer")


def _millis(js_fn, name):
    """js_fn(timestamp) with an int timestamp crossing as a number (in this frame: it runs for every timer call): a
    timestamp needs 41 bits, and an int beyond 32 crosses as a float (beyond 2**53 too: Pyodide would make it a BigInt,
    which the engine cannot take; Long.MAX_VALUE, 2**63 - 1, is then MAX_TIMESTAMP, as in a TypeScript job)."""
    def call(timestamp):
        if type(timestamp) is int:
            return js_fn(timestamp if -2147483648 <= timestamp <= 2147483647 else float(timestamp))
        if type(timestamp) is not float or timestamp != timestamp or timestamp == _INF or timestamp == -_INF:
            # Said in Python's terms: the engine's own message names registerEventTimeTimer and "undefined" for None.
            raise TypeError(f"{name}: expected a timestamp in milliseconds (an int; 2**63 - 1 for Long.MAX_VALUE), got {timestamp!r}")
        return js_fn(timestamp)
    return call
