# Stub of pyflink.datastream.time_domain (PyFlink 2.x). Source: flink-python/pyflink/datastream/time_domain.py.
from enum import Enum


class TimeDomain(Enum):
    EVENT_TIME = 0
    PROCESSING_TIME = 1
