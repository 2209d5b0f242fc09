# TimerService: the engine's timer service for the key being processed (pyflink.datastream.timerservice).
from _riffle import MAX_EXACT_INT


class TimerService:
    """Bound once per operator to the engine's timer service; every call goes to the same timers as a TS job."""

    def __init__(self, js_timer_service=None):
        if js_timer_service is None:
            return
        j = js_timer_service
        self.current_processing_time = j.currentProcessingTime
        self.current_watermark = j.currentWatermark
        self.register_event_time_timer = _millis(j.registerEventTimeTimer)
        self.register_processing_time_timer = _millis(j.registerProcessingTimeTimer)
        self.delete_event_time_timer = _millis(j.deleteEventTimeTimer)
        self.delete_processing_time_timer = _millis(j.deleteProcessingTimeTimer)


def _millis(js_fn):
    """js_fn(timestamp) with an int timestamp crossing as a number (_riffle.as_number, in this frame: it runs for
    every timer call): a timestamp needs 41 bits."""
    def call(timestamp):
        if type(timestamp) is int and -MAX_EXACT_INT <= timestamp <= MAX_EXACT_INT and not -2147483648 <= timestamp <= 2147483647:
            return js_fn(float(timestamp))
        return js_fn(timestamp)
    return call
