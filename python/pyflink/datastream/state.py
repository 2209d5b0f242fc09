# Keyed state (pyflink.datastream.state): descriptors, TTL and the state interfaces. The handles a job gets
# (_state_handles.py) forward every call to the engine's own state (same backends, TTL decorators and rules as a
# TypeScript job) and convert values at the boundary: what is stored must be JSON-compatible (tuples become lists),
# what is read is a fresh copy.
from enum import Enum

from _riffle import to_js, to_py
import _riffle
from _riffle_agg_results import add_input, engine_value, kept
from _riffle_signature import check_call
from _riffle_typed import decoder, encoder, laid_out
from pyflink.common.time import to_millis


class StateTtlConfig:
    class UpdateType(Enum):
        Disabled = "Disabled"
        OnCreateAndWrite = "OnCreateAndWrite"
        OnReadAndWrite = "OnReadAndWrite"

    class StateVisibility(Enum):
        NeverReturnExpired = "NeverReturnExpired"
        ReturnExpiredIfNotCleanedUp = "ReturnExpiredIfNotCleanedUp"

    class TtlTimeCharacteristic(Enum):
        ProcessingTime = "ProcessingTime"
        EventTime = "EventTime"

    def __init__(self, steps, ttl=None, update_type=None, visibility=None, characteristic=None):
        self._steps = steps  # the builder calls, replayed on the engine's builder
        # What PyFlink's getters give (the builder's defaults unless it set them).
        self._ttl = ttl
        self._update_type = update_type or StateTtlConfig.UpdateType.OnCreateAndWrite
        self._visibility = visibility or StateTtlConfig.StateVisibility.NeverReturnExpired
        self._characteristic = characteristic or StateTtlConfig.TtlTimeCharacteristic.ProcessingTime

    @staticmethod
    def new_builder(ttl):
        return StateTtlConfig.Builder(ttl)

    def get_ttl(self):
        return self._ttl

    def get_update_type(self):
        return self._update_type

    def get_state_visibility(self):
        return self._visibility

    def get_ttl_time_characteristic(self):
        return self._characteristic

    def is_enabled(self):
        return all(not (name == "setUpdateType" and args[0] == "Disabled") for name, args in self._steps)

    def _to_js(self, api):
        b = None
        for name, args in self._steps:
            b = api.StateTtlConfig.newBuilder(*args) if b is None else getattr(b, name)(*args)
        return b.build()

    class Builder:
        def __init__(self, ttl):
            self._steps = [("newBuilder", (to_millis(ttl, "StateTtlConfig.new_builder"),))]
            self._ttl = ttl
            self._set = {}  # the getters' values the builder set, by StateTtlConfig's argument name

        def _add(self, name, *args):
            self._steps.append((name, args))
            return self

        def set_update_type(self, update_type):
            self._set["update_type"] = update_type
            return self._add("setUpdateType", _enum_value(update_type, StateTtlConfig.UpdateType, "set_update_type"))

        def update_ttl_on_create_and_write(self):
            return self.set_update_type(StateTtlConfig.UpdateType.OnCreateAndWrite)

        def update_ttl_on_read_and_write(self):
            return self.set_update_type(StateTtlConfig.UpdateType.OnReadAndWrite)

        def set_state_visibility(self, visibility):
            self._set["visibility"] = visibility
            return self._add("setStateVisibility", _enum_value(visibility, StateTtlConfig.StateVisibility, "set_state_visibility"))

        def never_return_expired(self):
            return self.set_state_visibility(StateTtlConfig.StateVisibility.NeverReturnExpired)

        def return_expired_if_not_cleaned_up(self):
            return self.set_state_visibility(StateTtlConfig.StateVisibility.ReturnExpiredIfNotCleanedUp)

        def set_ttl_time_characteristic(self, c):
            value = _enum_value(c, StateTtlConfig.TtlTimeCharacteristic, "set_ttl_time_characteristic")
            if value == "EventTime":
                _riffle.warn_once("TtlTimeCharacteristic.EventTime is Riffle's extension: PyFlink has only processing-time TTL (FLINK-12005)")
            self._set["characteristic"] = c
            return self._add("setTtlTimeCharacteristic", value)

        def use_processing_time(self):
            return self.set_ttl_time_characteristic(StateTtlConfig.TtlTimeCharacteristic.ProcessingTime)

        def set_ttl(self, ttl):
            self._ttl = ttl
            return self._add("setTtl", to_millis(ttl, "set_ttl"))

        def cleanup_full_snapshot(self):
            return self._add("cleanupFullSnapshot")

        def cleanup_incrementally(self, cleanup_size, run_cleanup_for_every_record):
            return self._add("cleanupIncrementally", cleanup_size, bool(run_cleanup_for_every_record))

        def cleanup_in_rocksdb_compact_filter(self, query_time_after_num_entries=1000, *args):
            return self._add("cleanupInRocksdbCompactFilter", query_time_after_num_entries)

        def disable_cleanup_in_background(self):
            return self._add("disableCleanupInBackground")

        def build(self):
            return StateTtlConfig(list(self._steps), self._ttl, **self._set)


def _enum_value(v, enum, where):
    if isinstance(v, enum):
        return v.value
    raise TypeError(f"{where}: expected a {enum.__qualname__}, got {v!r}")


class StateDescriptor:
    def __init__(self, name):
        if not isinstance(name, str) or name == "":
            raise TypeError(f"a state descriptor needs a non-empty name, got {name!r}")
        self.name = name
        self._ttl = None
        # Where the job made it: a "state grows forever" finding names this line (a JS stack has no Python frames).
        self._line = _riffle.current_line()

    def get_name(self):
        return self.name

    def enable_time_to_live(self, ttl_config):
        if not isinstance(ttl_config, StateTtlConfig):
            raise TypeError(f"enable_time_to_live on {self.name!r}: expected a StateTtlConfig (StateTtlConfig.new_builder(ttl)...build())")
        self._ttl = ttl_config

    def _to_js(self, api):
        d = self._make_js(api)
        _riffle.js.createdAt(d, self._line)
        if self._ttl is not None:
            d.enableTimeToLive(self._ttl._to_js(api))
        return d


def _same(v):
    return v


def _type_js(t, api):
    return None if t is None else t._to_js(api)


class ValueStateDescriptor(StateDescriptor):
    def __init__(self, name, value_type_info=None):
        super().__init__(name)
        self.type_info = value_type_info

    def _make_js(self, api):
        return api.ValueStateDescriptor.new(self.name, _type_js(self.type_info, api))


class ListStateDescriptor(StateDescriptor):
    def __init__(self, name, elem_type_info=None):
        super().__init__(name)
        self.type_info = elem_type_info

    def _make_js(self, api):
        return api.ListStateDescriptor.new(self.name, _type_js(self.type_info, api))


class MapStateDescriptor(StateDescriptor):
    def __init__(self, name, key_type_info=None, value_type_info=None):
        super().__init__(name)
        self.key_type_info = key_type_info
        self.value_type_info = value_type_info

    def _make_js(self, api):
        return api.MapStateDescriptor.new(self.name, _type_js(self.key_type_info, api), _type_js(self.value_type_info, api))


class ReducingStateDescriptor(StateDescriptor):
    def __init__(self, name, reduce_function, type_info=None):
        super().__init__(name)
        from pyflink.datastream.functions import ReduceFunction
        if isinstance(reduce_function, ReduceFunction):
            reduce_function = reduce_function.reduce
        if not callable(reduce_function):
            raise TypeError(f"ReducingStateDescriptor {name!r}: the reduce function must be a ReduceFunction or a callable (a, b) -> c")
        check_call(reduce_function, "value1, value2", f"ReducingStateDescriptor {name!r}",
                   f"the reduce function of ReducingStateDescriptor {name!r}")
        self.reduce_function = reduce_function
        self.type_info = type_info

    def _make_js(self, api):
        # The values reduced are of the declared type, as the state's (a Row as a Row: _riffle_typed), and so is the
        # result, which PyFlink's ReducingState.add writes with that type's coder (fn_execution/state_impl.py
        # SynchronousReducingRuntimeState.add): one it refuses is a TypeError at the reduce function's return.
        f = laid_out(self.reduce_function, encoder(self.type_info, "the reduce function's result", state=True))
        dec = decoder(self.type_info, state=True) or _same
        name = self.name
        # The second value is the one the job's add() was given, as it is (_riffle_agg_results.add_input), as in PyFlink.
        fn = _riffle.js.pyFunction(_riffle.proxy(
            lambda a, b: to_js(f(dec(to_py(a)), add_input(name, b, lambda v: dec(to_py(v)))), "the reduce function's result")))
        return api.ReducingStateDescriptor.new(self.name, fn, _type_js(self.type_info, api))


class AggregatingStateDescriptor(StateDescriptor):
    def __init__(self, name, agg_function, state_type_info=None):
        super().__init__(name)
        for m in ("create_accumulator", "add", "get_result"):
            if not callable(getattr(agg_function, m, None)):
                raise TypeError(f"AggregatingStateDescriptor {name!r}: the aggregate function needs create_accumulator(), add(value, accumulator) and get_result(accumulator)")
        for m, params in (("create_accumulator", ""), ("add", "value, accumulator"), ("get_result", "accumulator")):
            check_call(getattr(agg_function, m), params, f"AggregatingStateDescriptor {name!r}")
        self.agg_function = agg_function
        self.type_info = state_type_info

    def _make_js(self, api):
        a = self.agg_function
        g = _riffle.proxy
        merge = getattr(a, "merge", None)
        name = self.name
        # The accumulator is of the declared state type (a Row as a Row: _riffle_typed), which PyFlink's
        # AggregatingState.add writes with that type's coder (fn_execution/state_impl.py
        # SynchronousAggregatingRuntimeState.add): one it refuses is a TypeError at the return that made it.
        dec = decoder(self.type_info, state=True) or _same
        enc = encoder(self.type_info, "the accumulator", state=True)
        create, add = laid_out(a.create_accumulator, enc), laid_out(a.add, enc)
        merge = None if merge is None else laid_out(merge, enc)
        fn = _riffle.js.pyAggregate(
            g(lambda: to_js(create(), "create_accumulator()")),
            g(lambda v, acc: to_js(add(add_input(name, v, to_py), dec(to_py(acc))), "add(value, accumulator)")),
            # Its result kept as Python made it (3.0, a tuple), which the engine's JSON of it loses (_riffle_agg_results).
            g(lambda acc: engine_value(name, kept(name, a.get_result(dec(to_py(acc)))), to_js)),
            None if merge is None else g(lambda x, y: to_js(merge(dec(to_py(x)), dec(to_py(y))), "merge(a, b)")),
        )
        return api.AggregatingStateDescriptor.new(self.name, fn, _type_js(self.type_info, api))


# The state interfaces (pyflink.datastream.state), and Riffle's handles behind them.

class State:
    def clear(self):
        raise NotImplementedError


class ValueState(State):
    pass


class ListState(State):
    pass


class MapState(State):
    pass


class ReducingState(State):
    pass


class AggregatingState(State):
    pass
