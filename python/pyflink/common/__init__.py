# pyflink.common: durations, types, rows and watermark strategies.
from pyflink.common.time import Duration, Time
from pyflink.common.typeinfo import RowTypeInfo, TypeInformation, Types
from pyflink.common.types import Row, RowKind
from pyflink.common.watermark_strategy import TimestampAssigner, WatermarkStrategy

__all__ = ["Duration", "Time", "RowTypeInfo", "TypeInformation", "Types", "Row", "RowKind", "TimestampAssigner", "WatermarkStrategy"]
