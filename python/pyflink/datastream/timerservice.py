# TimerService: the engine's timer service for the key being processed (pyflink.datastream.timerservice).


class TimerService:
    """Bound once per operator to the engine's timer service; every call goes to the same timers as a TS job."""

    def __init__(self, js_timer_service=None):
        if js_timer_service is None:
            return
        j = js_timer_service
        self.current_processing_time = j.currentProcessingTime
        self.current_watermark = j.currentWatermark
        self.register_event_time_timer = j.registerEventTimeTimer
        self.register_processing_time_timer = j.registerProcessingTimeTimer
        self.delete_event_time_timer = j.deleteEventTimeTimer
        self.delete_processing_time_timer = j.deleteProcessingTimeTimer
