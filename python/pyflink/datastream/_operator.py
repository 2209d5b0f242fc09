# One KeyedProcessFunction as the engine calls it: open() with a RuntimeContext whose states are the engine's,
# process_element/on_timer with a context bound once to the engine's; their outputs (yielded, or the seed article's
# out.collect form) go to the engine by _output.py.
import inspect

import _riffle
import _riffle_fields
import _riffle_self
from _riffle import to_py
from _riffle_values import key_tuple
from _riffle_signature import check_call
from _riffle_typed import decoder, encoder
from pyflink.datastream import _typed_state_handles as th
from pyflink.datastream import state as st
from pyflink.datastream._output import Outputs, _Collector, no_on_timer, not_iterable
from pyflink.datastream.functions import KeyedProcessFunction, RuntimeContext
from pyflink.datastream.time_domain import TimeDomain
from pyflink.datastream.timerservice import TimerService, long_time
from pyflink.metrics import MetricGroup
from pyodide.ffi import JsException


def _aggregating(a, desc):
    return th.sh._Aggregating(a, desc.name)


class RiffleRuntimeContext(RuntimeContext):
    def __init__(self, js_rc, api):
        self._rc = js_rc
        self._api = api
        self._metrics = None

    def _get(self, desc, cls, js_method, adapter, make):
        if not isinstance(desc, cls):
            raise TypeError(f"expected a {cls.__name__}, got {type(desc).__name__}")
        try:
            handle = getattr(self._rc, js_method)(desc._to_js(self._api))
        except JsException as e:
            raise _riffle.refused(e) from None  # a name registered as another kind: PyFlink's exception, at the job line
        # The handle of the descriptor's declared type: a Row state's value() is a Row (_typed_state_handles).
        return make(getattr(_riffle.js, adapter)(handle), desc)

    def get_state(self, state_descriptor):
        return self._get(state_descriptor, st.ValueStateDescriptor, "getState", "valueAdapter", th.value_state)

    def get_list_state(self, state_descriptor):
        return self._get(state_descriptor, st.ListStateDescriptor, "getListState", "listAdapter", th.list_state)

    def get_map_state(self, state_descriptor):
        return self._get(state_descriptor, st.MapStateDescriptor, "getMapState", "mapAdapter", th.map_state)

    def get_reducing_state(self, state_descriptor):
        return self._get(state_descriptor, st.ReducingStateDescriptor, "getReducingState", "mergingAdapter", th.reducing_state)

    def get_aggregating_state(self, state_descriptor):
        return self._get(state_descriptor, st.AggregatingStateDescriptor, "getAggregatingState", "mergingAdapter", _aggregating)

    # The task facts: the operator's name, and its subtask of the run (0 of 1, or its share of --parallelism N).
    def get_task_name(self):
        return self._rc.taskName

    def get_number_of_parallel_subtasks(self):
        return self._rc.subtask.of

    def get_max_number_of_parallel_subtasks(self):
        return 128  # Flink's default for up to 85 subtasks; Riffle's key groups (engine/runtime/key-group.ts)

    def get_index_of_this_subtask(self):
        return self._rc.subtask.index

    def get_attempt_number(self):
        return 0

    def get_task_name_with_subtasks(self):
        return f"{self.get_task_name()} ({self.get_index_of_this_subtask() + 1}/{self.get_number_of_parallel_subtasks()})"

    def get_job_parameter(self, key, default_value):
        return default_value  # a replay has no job parameters (a cluster's come from its configuration)

    def get_metrics_group(self):
        # Working metrics that nothing reports (pyflink/metrics), so a job keeping them runs as it does on a cluster.
        if self._metrics is None:
            self._metrics = MetricGroup()
        return self._metrics


class FunctionRuntimeContext(RiffleRuntimeContext):
    """What a map, filter, flat_map or key_by function's open() receives: the task facts; no keyed state."""

    def __init__(self, js_rc, api, fn=None, keyed_method=None):
        super().__init__(js_rc, api)
        self._fn = fn
        self._keyed_method = keyed_method  # "flat_map" when fn is a KeyedStream's, where PyFlink gives it keyed state

    def _get(self, desc, cls, js_method, adapter, make):
        name = getattr(desc, "name", desc)
        if self._keyed_method is not None:
            m = self._keyed_method
            raise RuntimeError(f"state {name!r}: PyFlink gives keyed state to a map, flat_map or filter on a KeyedStream, "
                               "Riffle only to a KeyedProcessFunction (docs/python-jobs.md): make "
                               f"{type(self._fn).__name__} a KeyedProcessFunction whose process_element(value, ctx) yields "
                               + ("what its flat_map returns" if m == "flat_map" else f"what its {m} returns" if m == "map"
                                  else "the value when its filter returns True"))
        raise RuntimeError(f"state {name!r}: keyed state is only accessible on a KeyedStream, in a KeyedProcessFunction "
                           "(a map, filter, flat_map or key_by function has none)")


# process_element's timestamp was not handed in (a watched run, on_timer): ctx.timestamp() asks the engine.
_ASK = object()


class _Context(KeyedProcessFunction.OnTimerContext):
    def __init__(self, js_ctx, key_decode=None):
        # In a watched run, and in on_timer, asked of the engine's context at each call, as getCurrentKey is: the
        # read is the job's call, traced at its .py line. Unwatched, nothing observes the read: the engine hands
        # the record's timestamp in with process_element's call (_now), one crossing less.
        self._ts = js_ctx.timestamp
        self._now = _ASK
        self._domain = TimeDomain.EVENT_TIME
        self._key = js_ctx.getCurrentKey
        self._key_decode = key_decode  # key_by's key_type's (a Row key as a Row), or None
        self._timers = TimerService(js_ctx.timerService())

    def timestamp(self):
        t = self._now
        return long_time(self._ts()) if t is _ASK else t

    def get_current_key(self):
        k = to_py(self._key())
        if self._key_decode is not None:
            return self._key_decode(k)
        # A key crossed as JSON, where a tuple is an array: PyFlink hands back the tuple key_by's selector returned
        # (key_by(lambda e: (e["user"], e["kind"])) is the usual composite key), hashable as a dict key or set member.
        return key_tuple(k) if type(k) is list else k

    def timer_service(self):
        return self._timers

    def time_domain(self):
        return self._domain


def _takes_out(method, n_without_out):
    try:
        params = inspect.signature(method).parameters.values()
    except (TypeError, ValueError):
        return False
    if any(p.kind == p.VAR_POSITIONAL for p in params):
        return False
    return len([p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]) > n_without_out


class RiffleOperator(Outputs):
    """Called by the engine's adapter (sandbox/python/python-function.ts) through guarded proxies."""

    def __init__(self, fn, api, openers, in_type=None, out_type=None, key_type=None):
        if not isinstance(fn, KeyedProcessFunction) and not callable(getattr(fn, "process_element", None)):
            raise TypeError("process() expects a KeyedProcessFunction (a class with process_element(self, value, ctx))")
        self.fn = fn
        # How a debugger expression's `self` names this function (_riffle_self.py, PythonKeyedFunction.pythonSelf).
        self.index = _riffle_self.register(fn)
        _riffle_fields.track(fn)  # time travel keeps its fields (self.seen += 1) with the state
        self.api = api
        # The job's map, filter, flat_map and key_by functions, opened and closed with this one (the first keyed
        # operator's: a function appended after this call, downstream of it, is in the same list).
        self._functions = None if openers.claimed else openers
        openers.claimed = True
        self.ctx = None
        self.out = None
        self._collect = None
        self._output = None
        self._process = fn.process_element
        # The declared types (_riffle_typed): the input's rebuilds each record, output_type lays out each output.
        self._decode = decoder(in_type)
        self._key_decode = decoder(key_type)
        self._on_timer = getattr(fn, "on_timer", None)
        self._process_out = _takes_out(self._process, 2)
        # output_type's encoder, which refuses what PyFlink's coder for it would (_riffle_typed.encoder), naming the
        # output as the job makes it.
        self._encode = encoder(out_type, "out.collect(value)" if self._process_out else "the yielded value")
        self._timer_out = self._on_timer is not None and _takes_out(self._on_timer, 2)
        # An on_timer of the job's own that returns None (no yield) fails in PyFlink's `yield from`: refused (_timer).
        # Not the seed article's form (out.collect), nor the base class's `pass` of a function without an on_timer.
        code = getattr(getattr(self._on_timer, "__func__", self._on_timer), "__code__", None)
        self._timer_none_refused = not self._timer_out and code is not None and code.co_filename == _riffle.job_file
        # A class of the job's with no on_timer of its own: PyFlink's base on_timer is `pass`, so its timer fails too.
        self._timer_missing = (not self._timer_none_refused and not self._process_out
                               and getattr(self._process, "__code__", None) is not None
                               and self._process.__code__.co_filename == _riffle.job_file)
        check_call(self._process, "value, ctx, out" if self._process_out else "value, ctx", "process()")
        if self._on_timer is not None:
            check_call(self._on_timer, "timestamp, ctx, out" if self._timer_out else "timestamp, ctx", "process()")
        self.open = _riffle.proxy(self._open)
        self.bind = _riffle.proxy(self._bind)
        self.process = self._process_proxy()
        self.on_timer = _riffle.proxy(self._timer)
        self.close = _riffle.proxy(self._close)

    def _open(self, js_rc):
        if self._functions is not None:
            self._functions.open(js_rc.subtask, self.api)  # each with its own operator's name, this one's subtask
        self.fn.open(RiffleRuntimeContext(js_rc, self.api))

    def _close(self):
        self.fn.close()
        if self._functions is not None:
            self._functions.close()

    def _bind(self, js_ctx, js_out):
        self.ctx = _Context(js_ctx, self._key_decode)
        emitter = _riffle.js.emitter(js_ctx, js_out)
        self._collect = emitter.collect
        self._collect_json = emitter.collectJson
        self._output_json = emitter.outputJson
        self.out = _Collector(self)

    def _process_proxy(self):
        """What _riffle.record_proxy(process_element) would be, in the one frame the engine calls for each record
        (every frame costs in Pyodide): the record decoded as record_proxy does, the context set, the outputs
        drained."""
        from pyodide.ffi import create_proxy
        process = self._process
        takes_out = self._process_out
        decode = self._decode
        event_time = TimeDomain.EVENT_TIME
        r = _riffle

        def call(x, now=_ASK):
            try:
                if x is not None:
                    r._record = r._batch[x] if type(x) is int else r._scan(x, 0)[0]
                ctx = self.ctx
                ctx._domain = event_time
                ctx._now = now
                record = r._record if decode is None else decode(r._record)
                result = process(record, ctx, self.out) if takes_out else process(record, ctx)
                # PyFlink's `if results:` (input_handler.py _emit_results): a falsy result (0, False, '') emits nothing.
                if result:
                    self._drain(result, process)
            except BaseException as e:
                r.report(e)
                raise
        return create_proxy(call)

    def _timer(self, timestamp, event_time):
        if self._on_timer is None:
            return
        timestamp = long_time(timestamp)
        ctx = self.ctx
        ctx._domain = TimeDomain.EVENT_TIME if event_time else TimeDomain.PROCESSING_TIME
        ctx._now = _ASK
        if self._timer_out:
            self._drain(self._on_timer(timestamp, ctx, self.out), self._on_timer)
        else:
            result = self._on_timer(timestamp, ctx)
            if result is None and self._timer_none_refused:
                raise not_iterable(None, self._on_timer, "on_timer")
            if result is None and self._timer_missing:
                raise no_on_timer(self._process)
            self._drain(result, self._on_timer)
