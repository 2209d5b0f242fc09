# Deduplication by event id: the first event with an id passes, later ones within an hour go to the "duplicates"
# side output. A TTL'd ValueState forgets ids after an hour, so state stays bounded. The twin of dedup-ttl.ts.
from pyflink.common import Duration, Time, Types, WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner
from pyflink.datastream import DataStream, OutputTag
from pyflink.datastream.functions import KeyedProcessFunction, RuntimeContext
from pyflink.datastream.state import StateTtlConfig, ValueStateDescriptor

duplicates = OutputTag("duplicates", Types.PICKLED_BYTE_ARRAY())


class Deduplicator(KeyedProcessFunction):
    def open(self, runtime_context: RuntimeContext):
        ttl = (StateTtlConfig.new_builder(Time.hours(1))
               .set_update_type(StateTtlConfig.UpdateType.OnCreateAndWrite)
               .set_state_visibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
               .build())
        descriptor = ValueStateDescriptor("seen", Types.BOOLEAN())
        descriptor.enable_time_to_live(ttl)
        self.seen = runtime_context.get_state(descriptor)

    def process_element(self, payment, ctx: KeyedProcessFunction.Context):
        if self.seen.value():
            yield duplicates, payment
            return
        self.seen.update(True)
        yield payment


class EventTime(TimestampAssigner):
    def extract_timestamp(self, value, record_timestamp):
        return value["ts"]


def job(events: DataStream) -> DataStream:
    return (events
            .assign_timestamps_and_watermarks(
                WatermarkStrategy.for_bounded_out_of_orderness(Duration.of_seconds(5))
                .with_timestamp_assigner(EventTime()))
            .key_by(lambda e: e["event_id"])
            .process(Deduplicator())
            .name("dedup"))
