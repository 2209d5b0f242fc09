# Stub of pyflink.common.time (PyFlink 2.x). Source: flink-python/pyflink/common/time.py at apache/flink
# commit 1a1c567cab145e410030f352de6581ece55f1089: __all__ = ['Duration', 'Instant'] (Time is gone in 2.x).
from pyflink._riffle_stub import require

__all__ = ['Duration', 'Instant']


class Duration(object):
    def __init__(self, millis):
        self.millis = millis

    @staticmethod
    def of_days(days: int):
        require(days, int, "days")
        return Duration(days * 86400000)

    @staticmethod
    def of_hours(hours: int):
        require(hours, int, "hours")
        return Duration(hours * 3600000)

    @staticmethod
    def of_millis(millis: int):
        require(millis, int, "millis")
        return Duration(millis)

    @staticmethod
    def of_minutes(minutes: int):
        require(minutes, int, "minutes")
        return Duration(minutes * 60000)

    @staticmethod
    def of_nanos(nanos: int):
        require(nanos, int, "nanos")
        return Duration(nanos // 1000000)

    @staticmethod
    def of_seconds(seconds: int):
        require(seconds, int, "seconds")
        return Duration(seconds * 1000)


class Instant(object):
    def __init__(self, seconds, nanos):
        self.seconds = seconds
        self.nanos = nanos

    def to_epoch_milli(self):
        return self.seconds * 1000 + self.nanos // 1000000

    @staticmethod
    def of_epoch_milli(epoch_milli: int) -> 'Instant':
        return Instant(epoch_milli // 1000, (epoch_milli % 1000) * 1000000)
