# The seed's Sessionizer, fixed: the pending timeout timer's time is kept in state, and that timer is the one
# deleted when the session is extended, so a session closes 30 minutes after its LAST event. Out-of-order events
# (up to the 5 s bound) never move the timeout or the start the wrong way. The twin of sessionizer-fixed.ts.
from pyflink.common import Duration, Types, WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner
from pyflink.datastream import DataStream
from pyflink.datastream.functions import KeyedProcessFunction, RuntimeContext
from pyflink.datastream.state import ValueStateDescriptor

TIMEOUT = 30 * 60 * 1000  # 30 minutes in ms


class Sessionizer(KeyedProcessFunction):
    def open(self, runtime_context: RuntimeContext):
        self.session_start = runtime_context.get_state(ValueStateDescriptor("session_start", Types.LONG()))
        self.event_count = runtime_context.get_state(ValueStateDescriptor("event_count", Types.LONG()))
        self.timeout_at = runtime_context.get_state(ValueStateDescriptor("timeout_at", Types.LONG()))

    def process_element(self, event, ctx: KeyedProcessFunction.Context):
        now = ctx.timestamp()
        start = self.session_start.value()
        if start is None or now < start:
            self.session_start.update(now)
        self.event_count.update((self.event_count.value() or 0) + 1)
        pending = self.timeout_at.value()
        timeout = now + TIMEOUT
        if pending is None or timeout > pending:
            if pending is not None:
                ctx.timer_service().delete_event_time_timer(pending)  # the timer that really exists
            ctx.timer_service().register_event_time_timer(timeout)
            self.timeout_at.update(timeout)
        return
        yield  # a generator, as PyFlink's process_element is, even though it emits nothing here

    def on_timer(self, timestamp, ctx: KeyedProcessFunction.OnTimerContext):
        yield {
            "user_id": ctx.get_current_key(),
            "session_start": self.session_start.value(),
            "session_end": timestamp,
            "event_count": self.event_count.value(),
        }
        self.session_start.clear()
        self.event_count.clear()
        self.timeout_at.clear()


class EventTime(TimestampAssigner):
    def extract_timestamp(self, value, record_timestamp):
        return value["ts"]


def job(events: DataStream) -> DataStream:
    return (events
            .assign_timestamps_and_watermarks(
                WatermarkStrategy.for_bounded_out_of_orderness(Duration.of_seconds(5))
                .with_timestamp_assigner(EventTime()))
            .key_by(lambda e: e["user_id"])
            .process(Sessionizer())
            .name("sessionizer"))
