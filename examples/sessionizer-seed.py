# The seed article's Sessionizer exactly as the article prints it (bug included: process_element deletes a timer
# at `now`, which never exists, so every event leaves its own timeout timer behind), with the imports its earlier
# snippets show and a job(events) function added. Compare sessionizer-fixed.py, and sessionizer-seed.ts.
from pyflink.datastream.state import ValueStateDescriptor
from pyflink.common.typeinfo import Types

from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.timerservice import TimerService

class Sessionizer(KeyedProcessFunction):
    def open(self, ctx):
        self.session_start = ctx.get_state(
            ValueStateDescriptor("session_start", Types.LONG())
        )
        self.event_count = ctx.get_state(
            ValueStateDescriptor("event_count", Types.LONG())
        )

    def process_element(self, event, ctx, out):
        now = ctx.timestamp()
        TIMEOUT = 30 * 60 * 1000  # 30 minutes in ms

        if self.session_start.value() is None:
            self.session_start.update(now)
            self.event_count.update(0)

        self.event_count.update(self.event_count.value() + 1)

        # Register a timer to fire if no events arrive in 30 min
        ctx.timer_service().delete_event_time_timer(now)
        ctx.timer_service().register_event_time_timer(now + TIMEOUT)

    def on_timer(self, timestamp, ctx, out):
        # Timer fired — session is complete
        out.collect({
            "user_id": ctx.get_current_key(),
            "session_start": self.session_start.value(),
            "session_end": timestamp,
            "event_count": self.event_count.value(),
        })
        self.session_start.clear()
        self.event_count.clear()


# Added for Riffle: the pipeline around the article's function (Riffle passes the recording as `events`).
from pyflink.common import Duration, WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner


class EventTime(TimestampAssigner):
    def extract_timestamp(self, value, record_timestamp):
        return value["ts"]


def job(events):
    return (events
            .assign_timestamps_and_watermarks(
                WatermarkStrategy.for_bounded_out_of_orderness(Duration.of_seconds(5))
                .with_timestamp_assigner(EventTime()))
            .key_by(lambda e: e["user_id"])
            .process(Sessionizer())
            .name("sessionizer"))
