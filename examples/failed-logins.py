# Failed-login alert: three failed logins for one user within one minute raise an alert on the "alerts" side
# output. ListState keeps the recent failure times; an event-time timer clears them a minute after the last
# failure, so state does not grow forever. The twin of failed-logins.ts.
from pyflink.common import Duration, Types, WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner
from pyflink.datastream import DataStream, OutputTag
from pyflink.datastream.functions import KeyedProcessFunction, RuntimeContext
from pyflink.datastream.state import ListStateDescriptor, ValueStateDescriptor

WINDOW = 60 * 1000
THRESHOLD = 3

alerts = OutputTag("alerts", Types.PICKLED_BYTE_ARRAY())


class FailedLoginDetector(KeyedProcessFunction):
    def open(self, runtime_context: RuntimeContext):
        self.failures = runtime_context.get_list_state(ListStateDescriptor("recent_failures", Types.PICKLED_BYTE_ARRAY()))
        self.cleanup_at = runtime_context.get_state(ValueStateDescriptor("cleanup_at", Types.LONG()))

    def process_element(self, login, ctx: KeyedProcessFunction.Context):
        if login["result"] != "failure":
            yield login
            return
        now = ctx.timestamp()
        recent = [f for f in self.failures.get() if f["ts"] > now - WINDOW]
        recent.append({"ts": now, "ip": login["ip"]})
        if len(recent) >= THRESHOLD:
            yield alerts, {
                "user_id": ctx.get_current_key(), "failures": len(recent),
                "first": recent[0]["ts"], "last": now, "ips": list(dict.fromkeys(f["ip"] for f in recent)),
            }
            self.failures.clear()
        else:
            self.failures.update(recent)
        previous = self.cleanup_at.value()
        if previous is not None:
            ctx.timer_service().delete_event_time_timer(previous)
        ctx.timer_service().register_event_time_timer(now + WINDOW)
        self.cleanup_at.update(now + WINDOW)

    def on_timer(self, timestamp, ctx: KeyedProcessFunction.OnTimerContext):
        self.failures.clear()
        self.cleanup_at.clear()
        # No output, yet a generator: PyFlink runs on_timer through `yield from`, which fails on None.
        yield from ()


class EventTime(TimestampAssigner):
    def extract_timestamp(self, value, record_timestamp):
        return value["ts"]


def job(events: DataStream) -> DataStream:
    return (events
            .assign_timestamps_and_watermarks(
                WatermarkStrategy.for_bounded_out_of_orderness(Duration.of_seconds(2))
                .with_timestamp_assigner(EventTime()))
            .key_by(lambda e: e["user_id"])
            .process(FailedLoginDetector())
            .name("failed-logins"))
