# Stub of pyflink.common (PyFlink 2.x): the names a job and riffle export's main import from it. Source:
# flink-python/pyflink/common/__init__.py (2.x: Duration and Instant from common/time.py, no Time; the 2.0.0
# package re-exports Types, WatermarkStrategy, Row, SerializationSchema and friends).
from pyflink.common.serialization import DeserializationSchema, SerializationSchema, SimpleStringSchema
from pyflink.common.time import Duration, Instant
from pyflink.common.typeinfo import TypeInformation, Types
from pyflink.common.types import Row
from pyflink.common.watermark_strategy import TimestampAssigner, WatermarkStrategy

__all__ = ['DeserializationSchema', 'SerializationSchema', 'SimpleStringSchema', 'Duration', 'Instant',
           'TypeInformation', 'Types', 'Row', 'TimestampAssigner', 'WatermarkStrategy']
