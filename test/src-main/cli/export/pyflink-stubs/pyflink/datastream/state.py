# Stub of pyflink.datastream.state (PyFlink 2.x). Source: flink-python/pyflink/datastream/state.py: the five
# descriptors, StateDescriptor.enable_time_to_live, StateTtlConfig with its UpdateType, StateVisibility and
# TtlTimeCharacteristic enums (ProcessingTime only: no EventTime) and its Builder. The stored version read was a
# 1.x one (new_builder(ttl: Time)); 2.x takes a Duration, as this stub does, since Time is gone from 2.x.
from abc import ABC, abstractmethod
from enum import Enum

from pyflink._riffle_stub import require
from pyflink.common.time import Duration
from pyflink.common.typeinfo import TypeInformation, Types

__all__ = ['ValueStateDescriptor', 'ListStateDescriptor', 'MapStateDescriptor', 'ReducingStateDescriptor',
           'AggregatingStateDescriptor', 'StateTtlConfig', 'ValueState', 'ListState', 'MapState',
           'ReducingState', 'AggregatingState']


class State(ABC):
    @abstractmethod
    def clear(self) -> None:
        pass


class ValueState(State):
    @abstractmethod
    def value(self):
        pass

    @abstractmethod
    def update(self, value) -> None:
        pass


class ListState(State):
    pass


class MapState(State):
    pass


class ReducingState(State):
    pass


class AggregatingState(State):
    pass


class StateDescriptor(ABC):
    def __init__(self, name: str, type_info: TypeInformation):
        require(name, str, "name")
        self.name = name
        self.type_info = type_info
        self._ttl_config = None

    def get_name(self) -> str:
        return self.name

    def enable_time_to_live(self, ttl_config: 'StateTtlConfig'):
        require(ttl_config, StateTtlConfig, "ttl_config")
        self._ttl_config = ttl_config


class ValueStateDescriptor(StateDescriptor):
    def __init__(self, name: str, value_type_info: TypeInformation):
        super(ValueStateDescriptor, self).__init__(name, value_type_info)


class ListStateDescriptor(StateDescriptor):
    def __init__(self, name: str, elem_type_info: TypeInformation):
        super(ListStateDescriptor, self).__init__(name, Types.LIST(elem_type_info))


class MapStateDescriptor(StateDescriptor):
    def __init__(self, name: str, key_type_info: TypeInformation, value_type_info: TypeInformation):
        super(MapStateDescriptor, self).__init__(name, Types.MAP(key_type_info, value_type_info))


class ReducingStateDescriptor(StateDescriptor):
    def __init__(self, name: str, reduce_function, type_info: TypeInformation):
        super(ReducingStateDescriptor, self).__init__(name, type_info)
        from pyflink.datastream.functions import ReduceFunction
        if not isinstance(reduce_function, ReduceFunction) and not callable(reduce_function):
            raise TypeError("The input must be a ReduceFunction or a callable function!")
        self._reduce_function = reduce_function


class AggregatingStateDescriptor(StateDescriptor):
    def __init__(self, name: str, agg_function, state_type_info):
        super(AggregatingStateDescriptor, self).__init__(name, state_type_info)
        from pyflink.datastream.functions import AggregateFunction
        if not isinstance(agg_function, AggregateFunction):
            raise TypeError("The input must be a pyflink.datastream.functions.AggregateFunction!")
        self._agg_function = agg_function


class StateTtlConfig(object):
    class UpdateType(Enum):
        Disabled = 0
        OnCreateAndWrite = 1
        OnReadAndWrite = 2

    class StateVisibility(Enum):
        ReturnExpiredIfNotCleanedUp = 0
        NeverReturnExpired = 1

    class TtlTimeCharacteristic(Enum):
        ProcessingTime = 0

    def __init__(self, builder):
        self._builder = builder

    @staticmethod
    def new_builder(ttl: Duration):
        return StateTtlConfig.Builder(ttl)

    class Builder(object):
        def __init__(self, ttl: Duration):
            require(ttl, Duration, "ttl")
            self._ttl = ttl

        def set_update_type(self, update_type: 'StateTtlConfig.UpdateType') -> 'StateTtlConfig.Builder':
            require(update_type, StateTtlConfig.UpdateType, "update_type")
            return self

        def update_ttl_on_create_and_write(self) -> 'StateTtlConfig.Builder':
            return self

        def update_ttl_on_read_and_write(self) -> 'StateTtlConfig.Builder':
            return self

        def set_state_visibility(self, state_visibility: 'StateTtlConfig.StateVisibility') -> 'StateTtlConfig.Builder':
            require(state_visibility, StateTtlConfig.StateVisibility, "state_visibility")
            return self

        def return_expired_if_not_cleaned_up(self) -> 'StateTtlConfig.Builder':
            return self

        def never_return_expired(self) -> 'StateTtlConfig.Builder':
            return self

        def set_ttl_time_characteristic(self, ttl_time_characteristic: 'StateTtlConfig.TtlTimeCharacteristic') -> 'StateTtlConfig.Builder':
            require(ttl_time_characteristic, StateTtlConfig.TtlTimeCharacteristic, "ttl_time_characteristic")
            return self

        def use_processing_time(self) -> 'StateTtlConfig.Builder':
            return self

        def cleanup_full_snapshot(self) -> 'StateTtlConfig.Builder':
            return self

        def cleanup_incrementally(self, cleanup_size: int, run_cleanup_for_every_record) -> 'StateTtlConfig.Builder':
            return self

        def cleanup_in_rocksdb_compact_filter(self, query_time_after_num_entries) -> 'StateTtlConfig.Builder':
            return self

        def disable_cleanup_in_background(self) -> 'StateTtlConfig.Builder':
            return self

        def set_ttl(self, ttl: Duration) -> 'StateTtlConfig.Builder':
            require(ttl, Duration, "ttl")
            return self

        def build(self) -> 'StateTtlConfig':
            return StateTtlConfig(self)
