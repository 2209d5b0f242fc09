# WatermarkStrategy and TimestampAssigner (pyflink.common.watermark_strategy), built into the engine's strategy.
import _riffle
from _riffle_signature import check_call
from pyflink.common.time import to_millis


class TimestampAssigner:
    def extract_timestamp(self, value, record_timestamp):
        raise NotImplementedError("TimestampAssigner.extract_timestamp(value, record_timestamp) must be overridden")


class WatermarkStrategy:
    def __init__(self, kind, bound_ms=0, assigner=None, idleness_ms=None, line=0):
        self._kind = kind
        # The job's line that set the timestamp assigner: late records are counted per that line.
        self._line = line
        self._bound_ms = bound_ms
        self._assigner = assigner
        self._idleness_ms = idleness_ms

    @staticmethod
    def for_monotonous_timestamps():
        return WatermarkStrategy("monotonous")

    @staticmethod
    def for_bounded_out_of_orderness(max_out_of_orderness):
        return WatermarkStrategy("bounded", to_millis(max_out_of_orderness, "for_bounded_out_of_orderness"))

    @staticmethod
    def no_watermarks():
        return WatermarkStrategy("none")

    def with_timestamp_assigner(self, timestamp_assigner):
        if isinstance(timestamp_assigner, type) and issubclass(timestamp_assigner, TimestampAssigner):
            # A class is callable too: it failed at the first record ("EventTime() takes no arguments"), at no job line.
            name = timestamp_assigner.__name__
            raise TypeError(f"with_timestamp_assigner expects a TimestampAssigner instance: pass {name}(), not the class {name}")
        if isinstance(timestamp_assigner, TimestampAssigner):
            fn = timestamp_assigner.extract_timestamp
        elif callable(timestamp_assigner):
            fn = timestamp_assigner
        else:
            raise TypeError("with_timestamp_assigner expects a TimestampAssigner (or a function (value, record_timestamp) -> int)")
        check_call(fn, "value, record_timestamp", "with_timestamp_assigner")
        return WatermarkStrategy(self._kind, self._bound_ms, fn, self._idleness_ms, _riffle.current_line())

    def with_idleness(self, idle_timeout):
        return WatermarkStrategy(self._kind, self._bound_ms, self._assigner, to_millis(idle_timeout, "with_idleness"), self._line)
