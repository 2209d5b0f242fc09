# Running count per user: the seed's EventCounter in PyFlink's yield form. ValueState holds each user's count so
# far. The twin of running-count.ts.
from pyflink.common import Types
from pyflink.datastream import DataStream
from pyflink.datastream.functions import KeyedProcessFunction, RuntimeContext
from pyflink.datastream.state import ValueStateDescriptor


class EventCounter(KeyedProcessFunction):
    def open(self, runtime_context: RuntimeContext):
        self.count = runtime_context.get_state(ValueStateDescriptor("count", Types.LONG()))

    def process_element(self, value, ctx: KeyedProcessFunction.Context):
        current = self.count.value() or 0
        self.count.update(current + 1)
        yield value["user_id"], current + 1


def job(events: DataStream) -> DataStream:
    return (events
            .key_by(lambda e: e["user_id"])
            .process(EventCounter())
            .name("event-counter"))
