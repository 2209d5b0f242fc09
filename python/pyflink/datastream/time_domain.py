# TimeDomain: which clock fired a timer (pyflink.datastream.time_domain).
from enum import Enum


class TimeDomain(Enum):
    EVENT_TIME = 0
    PROCESSING_TIME = 1
