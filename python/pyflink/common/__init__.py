# pyflink.common: durations, types, rows and watermark strategies.
from pyflink.common.time import Duration, Time
from pyflink.common.typeinfo import TypeInformation, Types
from pyflink.common.types import Row
from pyflink.common.watermark_strategy import TimestampAssigner, WatermarkStrategy

__all__ = ["Duration", "Time", "TypeInformation", "Types", "Row", "TimestampAssigner", "WatermarkStrategy"]
