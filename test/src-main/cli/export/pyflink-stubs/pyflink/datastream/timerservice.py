# Stub of pyflink.datastream.timerservice (PyFlink 2.x). Source: flink-python/pyflink/datastream/timerservice.py
# (TimerService: current_processing_time, current_watermark, register_/delete_ event and processing time timers).
from abc import ABC, abstractmethod


class TimerService(ABC):
    @abstractmethod
    def current_processing_time(self):
        pass

    @abstractmethod
    def current_watermark(self):
        pass

    @abstractmethod
    def register_processing_time_timer(self, timestamp: int):
        pass

    @abstractmethod
    def register_event_time_timer(self, timestamp: int):
        pass

    @abstractmethod
    def delete_processing_time_timer(self, timestamp: int):
        pass

    @abstractmethod
    def delete_event_time_timer(self, timestamp: int):
        pass
