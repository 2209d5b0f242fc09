# Stub of pyflink.common.watermark_strategy (PyFlink 2.x). Source: flink-python/pyflink/common/
# watermark_strategy.py at apache/flink commit 003ee8196428243c333c973c948b788c39ee176b.
import abc
from typing import Any, Optional

from pyflink._riffle_stub import record, require
from pyflink.common.time import Duration


class WatermarkStrategy(object):
    def __init__(self, kind):
        self.kind = kind
        self._timestamp_assigner = None

    def with_timestamp_assigner(self, timestamp_assigner: 'TimestampAssigner') -> 'WatermarkStrategy':
        require(timestamp_assigner, TimestampAssigner, "timestamp_assigner")
        record("WatermarkStrategy.with_timestamp_assigner", type(timestamp_assigner).__name__)
        self._timestamp_assigner = timestamp_assigner
        return self

    def with_idleness(self, idle_timeout: Duration) -> 'WatermarkStrategy':
        require(idle_timeout, Duration, "idle_timeout")
        return WatermarkStrategy(self.kind + "+idleness")

    def with_watermark_alignment(self, watermark_group: str, max_allowed_watermark_drift: Duration,
                                 update_interval: Optional[Duration] = None) -> 'WatermarkStrategy':
        return self

    @staticmethod
    def for_monotonous_timestamps() -> 'WatermarkStrategy':
        record("WatermarkStrategy.for_monotonous_timestamps")
        return WatermarkStrategy("monotonous")

    @staticmethod
    def for_bounded_out_of_orderness(max_out_of_orderness: Duration) -> 'WatermarkStrategy':
        require(max_out_of_orderness, Duration, "max_out_of_orderness")
        record("WatermarkStrategy.for_bounded_out_of_orderness", max_out_of_orderness.millis)
        return WatermarkStrategy("bounded")

    @staticmethod
    def no_watermarks() -> 'WatermarkStrategy':
        record("WatermarkStrategy.no_watermarks")
        return WatermarkStrategy("none")


class TimestampAssigner(abc.ABC):
    @abc.abstractmethod
    def extract_timestamp(self, value: Any, record_timestamp: int) -> int:
        pass
