# The benchmark's reference job in Python (the twin of bench/reference-sessionizer.ts): sessionization with
# ValueState, one event-time timer per event at last + 30 min, bounded out-of-orderness 5 s.
from pyflink.common import Duration, Types, WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner
from pyflink.datastream import DataStream
from pyflink.datastream.functions import KeyedProcessFunction, RuntimeContext
from pyflink.datastream.state import ValueStateDescriptor

GAP = 30 * 60 * 1000


class Sessionize(KeyedProcessFunction):
    def open(self, runtime_context: RuntimeContext):
        self.session = runtime_context.get_state(ValueStateDescriptor("session", Types.ROW()))

    def process_element(self, e, ctx: KeyedProcessFunction.Context):
        ts = ctx.timestamp()
        s = self.session.value()
        timeout_at = ts + GAP
        if s is None:
            ctx.timer_service().register_event_time_timer(timeout_at)
            self.session.update({"start": ts, "count": 1, "timeoutAt": timeout_at})
            return
        if timeout_at > s["timeoutAt"]:
            ctx.timer_service().delete_event_time_timer(s["timeoutAt"])
            ctx.timer_service().register_event_time_timer(timeout_at)
            s["timeoutAt"] = timeout_at
        if ts < s["start"]:
            s["start"] = ts
        s["count"] += 1
        self.session.update(s)

    def on_timer(self, ts, ctx: KeyedProcessFunction.OnTimerContext):
        s = self.session.value()
        yield {"user_id": ctx.get_current_key(), "start": s["start"], "end": ts, "count": s["count"]}
        self.session.clear()


class EventTime(TimestampAssigner):
    def extract_timestamp(self, value, record_timestamp):
        return value["ts"]


def job(events: DataStream) -> DataStream:
    return (events
            .assign_timestamps_and_watermarks(
                WatermarkStrategy.for_bounded_out_of_orderness(Duration.of_seconds(5))
                .with_timestamp_assigner(EventTime()))
            .key_by(lambda e: e["user_id"])
            .process(Sessionize())
            .name("sessionize"))
