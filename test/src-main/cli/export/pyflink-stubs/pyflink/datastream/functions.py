# Stub of pyflink.datastream.functions (PyFlink 2.x). Source: flink-python/pyflink/datastream/functions.py
# (Function.open(runtime_context)/close(); RuntimeContext.get_*state; ProcessFunction and KeyedProcessFunction
# with their Context classes; process_element(value, ctx) and on_timer(timestamp, ctx) are generators).
from abc import ABC, abstractmethod

from pyflink.datastream.state import (AggregatingStateDescriptor, ListStateDescriptor, MapStateDescriptor,
                                      ReducingStateDescriptor, ValueStateDescriptor)
from pyflink.datastream.time_domain import TimeDomain
from pyflink.datastream.timerservice import TimerService

__all__ = ['Function', 'RuntimeContext', 'MapFunction', 'FlatMapFunction', 'FilterFunction', 'KeySelector',
           'ReduceFunction', 'AggregateFunction', 'ProcessFunction', 'KeyedProcessFunction', 'TimerService',
           'TimeDomain']


class RuntimeContext(ABC):
    @abstractmethod
    def get_state(self, state_descriptor: ValueStateDescriptor):
        pass

    @abstractmethod
    def get_list_state(self, state_descriptor: ListStateDescriptor):
        pass

    @abstractmethod
    def get_map_state(self, state_descriptor: MapStateDescriptor):
        pass

    @abstractmethod
    def get_reducing_state(self, state_descriptor: ReducingStateDescriptor):
        pass

    @abstractmethod
    def get_aggregating_state(self, state_descriptor: AggregatingStateDescriptor):
        pass


class Function(ABC):
    def open(self, runtime_context: RuntimeContext):
        pass

    def close(self):
        pass


class MapFunction(Function):
    @abstractmethod
    def map(self, value):
        pass


class FlatMapFunction(Function):
    @abstractmethod
    def flat_map(self, value):
        pass


class FilterFunction(Function):
    @abstractmethod
    def filter(self, value):
        pass


class KeySelector(Function):
    @abstractmethod
    def get_key(self, value):
        pass


class ReduceFunction(Function):
    @abstractmethod
    def reduce(self, value1, value2):
        pass


class AggregateFunction(Function):
    @abstractmethod
    def create_accumulator(self):
        pass

    @abstractmethod
    def add(self, value, accumulator):
        pass

    @abstractmethod
    def get_result(self, accumulator):
        pass

    def merge(self, acc_a, acc_b):
        pass


class ProcessFunction(Function):
    class Context(ABC):
        @abstractmethod
        def timer_service(self) -> TimerService:
            pass

        @abstractmethod
        def timestamp(self) -> int:
            pass

    @abstractmethod
    def process_element(self, value, ctx: 'ProcessFunction.Context'):
        pass


class KeyedProcessFunction(Function):
    class Context(ABC):
        @abstractmethod
        def get_current_key(self):
            pass

        @abstractmethod
        def timer_service(self) -> TimerService:
            pass

        @abstractmethod
        def timestamp(self) -> int:
            pass

    class OnTimerContext(Context):
        @abstractmethod
        def time_domain(self) -> TimeDomain:
            pass

    @abstractmethod
    def process_element(self, value, ctx: 'KeyedProcessFunction.Context'):
        pass

    def on_timer(self, timestamp: int, ctx: 'KeyedProcessFunction.OnTimerContext'):
        pass
