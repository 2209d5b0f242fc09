# DataStream and KeyedStream (pyflink.datastream.data_stream): each call adds the same node to the engine's graph
# that the TypeScript API adds; the functions passed in are called by the engine through guarded proxies.
import _riffle
from _riffle import to_js
from _riffle_signature import check_call
from pyflink.common.watermark_strategy import WatermarkStrategy
from pyflink.datastream._operator import RiffleOperator
from pyflink.datastream.functions import (FilterFunction, FlatMapFunction, Function, KeyedProcessFunction, KeySelector,
                                          MapFunction)
from pyflink.datastream.output_tag import OutputTag


def _not_a_class(f, cls, what):
    # A class is callable too: process(F) or key_by(K) without () failed later, at the first record, with no job
    # line ("K() takes no arguments", "open() missing 1 required positional argument").
    if isinstance(f, type) and issubclass(f, cls):
        raise TypeError(f"{what} expects a {cls.__name__} instance: pass {f.__name__}(), not the class {f.__name__}")


def _method_or_callable(f, cls, method, what):
    _not_a_class(f, cls, what)
    if isinstance(f, cls):
        return getattr(f, method)
    if callable(f):
        return f
    raise TypeError(f"{what} expects a {cls.__name__} or a function, got {type(f).__name__}")


# Flink's name for an operator the job did not name (.name()): its task name, which get_task_name() reports.
# PyFlink runs a Python key selector in a map operator of this name before the keyed operator.
_DEFAULT_NAMES = {"map": "Map", "filter": "Filter", "flatMap": "Flat Map", "keyBy": "_stream_key_by_map_operator"}


class Openers:
    """The job's map, filter, flat_map and key_by functions that are Function instances: PyFlink calls their open()
    before the first record and close() after the last. The job's keyed operator does (_operator.RiffleOperator),
    with its RuntimeContext's subtask; in a job without one, _riffle's build opens them and the run's end closes
    them. Each is kept with its engine node: its context reports that operator's name."""

    def __init__(self):
        self.functions = []
        self.nodes = []
        self.claimed = False

    def add(self, func, js_stream):
        if isinstance(func, Function):
            self.functions.append(func)
            self.nodes.append(getattr(js_stream, "__node"))

    def open(self, subtask, api):
        from types import SimpleNamespace
        from pyflink.datastream._operator import FunctionRuntimeContext
        for f, node in zip(self.functions, self.nodes):
            name = node.userName or _DEFAULT_NAMES.get(node.kind, node.kind)  # read now: .name() follows the call
            f.open(FunctionRuntimeContext(SimpleNamespace(taskName=name, subtask=subtask), api))

    def close(self):
        for f in self.functions:
            f.close()


class DataStream:
    def __init__(self, js_stream, api, openers=None):
        self._j = js_stream
        self._api = api
        self._openers = Openers() if openers is None else openers

    def _wrap(self, js_stream):
        return DataStream(js_stream, self._api, self._openers)

    def _opened(self, func, js_stream):
        """The stream of func's operator, func kept to be opened and closed with that operator's name."""
        self._openers.add(func, js_stream)
        return self._wrap(js_stream)

    def map(self, func, output_type=None):
        f = _method_or_callable(func, MapFunction, "map", "map")
        check_call(f, "value", "map")
        return self._opened(func, self._j.map(_riffle.js.recordFunction(_riffle.record_proxy(f, "map's result"))))

    def filter(self, func):
        f = _method_or_callable(func, FilterFunction, "filter", "filter")
        check_call(f, "value", "filter")
        return self._opened(func, self._j.filter(_riffle.js.recordFunction(_riffle.record_proxy(lambda v: bool(f(v))))))

    def flat_map(self, func, output_type=None):
        f = _method_or_callable(func, FlatMapFunction, "flat_map", "flat_map")
        check_call(f, "value", "flat_map")

        def results(v):
            r = f(v)
            return to_js([] if r is None else list(r), "flat_map's results")
        return self._opened(func, self._j.flatMap(_riffle.js.recordFunction(_riffle.record_proxy(results))))

    def key_by(self, key_selector, key_type=None):
        f = _method_or_callable(key_selector, KeySelector, "get_key", "key_by")
        check_call(f, "value", "key_by")
        keyed = self._j.keyBy(_riffle.js.keyFunction(_riffle.record_proxy(f, "the key"), _riffle.prefetch_proxy(f, False),
                                                     _riffle.plain_read(f, 1)))
        # A selector that returns None is refused by the engine, which names this line (a JS stack has no Python frames).
        _riffle.js.createdAt(getattr(keyed, "__node"), _riffle.current_line())
        self._openers.add(key_selector, keyed)
        return KeyedStream(keyed, self._api, self._openers)

    def assign_timestamps_and_watermarks(self, watermark_strategy):
        if not isinstance(watermark_strategy, WatermarkStrategy):
            raise TypeError("assign_timestamps_and_watermarks expects a WatermarkStrategy (WatermarkStrategy.for_bounded_out_of_orderness(...) etc.)")
        ws = watermark_strategy
        W = self._api.WatermarkStrategy
        j = (W.forMonotonousTimestamps() if ws._kind == "monotonous"
             else W.noWatermarks() if ws._kind == "none"
             else W.forBoundedOutOfOrderness(ws._bound_ms))
        if ws._assigner is not None:
            a = ws._assigner
            j = j.withTimestampAssigner(_riffle.js.assignerFunction(_riffle.assigner_proxy(a), _riffle.prefetch_proxy(a, True),
                                                                    _riffle.plain_read(a, 2)))
            _riffle.js.createdAt(j, ws._line)
        if ws._idleness_ms is not None:
            j = j.withIdleness(ws._idleness_ms)
        return self._wrap(self._j.assignTimestampsAndWatermarks(j))

    def process(self, func, output_type=None):
        raise TypeError("process() needs a keyed stream: call key_by(...) first (timers need a keyed stream, T7)")

    def name(self, name):
        self._j.name(str(name))
        return self

    def uid(self, uid):
        self._j.uid(uid)
        return self

    def set_description(self, description):
        return self

    def set_parallelism(self, parallelism):
        return self

    def get_side_output(self, output_tag):
        if not isinstance(output_tag, OutputTag):
            raise TypeError("get_side_output expects an OutputTag")
        return self._wrap(self._j.getSideOutput(output_tag._to_js(self._api)))


class KeyedStream(DataStream):
    def process(self, func, output_type=None):
        _not_a_class(func, KeyedProcessFunction, "process()")
        op = RiffleOperator(func, self._api, self._openers)
        return self._wrap(self._j.process(_riffle.js.keyedFunction(op)))
