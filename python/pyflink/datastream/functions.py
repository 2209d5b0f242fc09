# The user function classes (pyflink.datastream.functions): KeyedProcessFunction with its contexts, RuntimeContext,
# and the small function interfaces (map, filter, flat_map, key selector, reduce, aggregate).
from abc import ABC, abstractmethod


class Function(ABC):
    def open(self, runtime_context):
        pass

    def close(self):
        pass


class RuntimeContext:
    """What open() receives: creates the function's keyed state (see _operator.RiffleRuntimeContext)."""

    def get_state(self, state_descriptor):
        raise NotImplementedError

    def get_list_state(self, state_descriptor):
        raise NotImplementedError

    def get_map_state(self, state_descriptor):
        raise NotImplementedError

    def get_reducing_state(self, state_descriptor):
        raise NotImplementedError

    def get_aggregating_state(self, state_descriptor):
        raise NotImplementedError

    def get_task_name(self):
        raise NotImplementedError

    def get_number_of_parallel_subtasks(self):
        raise NotImplementedError

    def get_max_number_of_parallel_subtasks(self):
        raise NotImplementedError

    def get_index_of_this_subtask(self):
        raise NotImplementedError

    def get_attempt_number(self):
        raise NotImplementedError

    def get_task_name_with_subtasks(self):
        raise NotImplementedError

    def get_job_parameter(self, key, default_value):
        raise NotImplementedError

    def get_metrics_group(self):
        raise NotImplementedError


class KeyedProcessFunction(Function):
    class Context(ABC):
        @abstractmethod
        def timer_service(self):
            pass

        @abstractmethod
        def get_current_key(self):
            pass

        @abstractmethod
        def timestamp(self):
            pass

    class OnTimerContext(Context):
        @abstractmethod
        def time_domain(self):
            pass

    @abstractmethod
    def process_element(self, value, ctx):
        pass

    def on_timer(self, timestamp, ctx):
        pass


class ProcessFunction(KeyedProcessFunction):
    """Accepted on a keyed stream as a KeyedProcessFunction (Riffle runs keyed process functions only)."""


class MapFunction(Function):
    @abstractmethod
    def map(self, value):
        pass


class FilterFunction(Function):
    @abstractmethod
    def filter(self, value):
        pass


class FlatMapFunction(Function):
    @abstractmethod
    def flat_map(self, value):
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
        raise NotImplementedError("merge(acc_a, acc_b) is not implemented by this AggregateFunction")
