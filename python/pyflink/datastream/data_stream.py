# DataStream and KeyedStream (pyflink.datastream.data_stream): each call adds the same node to the engine's graph
# that the TypeScript API adds; the functions passed in are called by the engine through guarded proxies.
import _riffle
import _riffle_fields
from _riffle import to_js
from _riffle_typed import at_yield, decoder, encoder, typed
from _riffle_signature import check_call
from pyflink.common.watermark_strategy import WatermarkStrategy
from pyflink.datastream._operator import RiffleOperator
from pyflink.datastream._output import not_iterable
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
        # For each, the method it is called with on a KeyedStream ("flat_map"), where PyFlink gives it keyed state.
        self.keyed = []
        self.claimed = False

    def add(self, func, js_stream, keyed_method=None):
        _riffle_fields.track(func)  # time travel keeps its fields with the state, whether or not it is a Function
        if isinstance(func, Function):
            self.functions.append(func)
            self.nodes.append(getattr(js_stream, "__node"))
            self.keyed.append(keyed_method)

    def open(self, subtask, api):
        from types import SimpleNamespace
        from pyflink.datastream._operator import FunctionRuntimeContext
        for f, node, keyed in zip(self.functions, self.nodes, self.keyed):
            name = node.userName or _DEFAULT_NAMES.get(node.kind, node.kind)  # read now: .name() follows the call
            f.open(FunctionRuntimeContext(SimpleNamespace(taskName=name, subtask=subtask), api, f, keyed))

    def close(self):
        for f in self.functions:
            f.close()


class DataStream:
    def __init__(self, js_stream, api, openers=None, type_info=None):
        self._j = js_stream
        self._api = api
        self._openers = Openers() if openers is None else openers
        # The type its records have (the output_type that made it, or an OutputTag's): the functions downstream get
        # them rebuilt by it (a Row as a Row), as PyFlink's serializer gives them (_riffle_typed.py). None: as JSON.
        self._type = type_info

    def _wrap(self, js_stream, type_info=None):
        return DataStream(js_stream, self._api, self._openers, type_info)

    def _opened(self, func, js_stream, type_info=None, method=None):
        """The stream of func's operator, func kept to be opened and closed with that operator's name."""
        self._openers.add(func, js_stream, method if isinstance(self, KeyedStream) else None)
        return self._wrap(js_stream, type_info)

    def map(self, func, output_type=None):
        f = _method_or_callable(func, MapFunction, "map", "map")
        check_call(f, "value", "map")
        f = typed(f, decoder(self._type), encoder(output_type, "map's result"))
        return self._opened(func, self._j.map(_riffle.js.recordFunction(_riffle.record_proxy(f, "map's result"))), output_type, "map")

    def filter(self, func):
        f = _method_or_callable(func, FilterFunction, "filter", "filter")
        check_call(f, "value", "filter")
        f = typed(f, decoder(self._type), None)
        # A filter passes its input on as it is: its stream has the input's type.
        return self._opened(func, self._j.filter(_riffle.js.recordFunction(_riffle.record_proxy(lambda v: bool(f(v))))), self._type,
                            "filter")

    def flat_map(self, func, output_type=None):
        f = _method_or_callable(func, FlatMapFunction, "flat_map", "flat_map")
        check_call(f, "value", "flat_map")
        own = f  # the job's function, whose return line a refused result is placed at
        call = typed(f, decoder(self._type), None)
        each = encoder(output_type, "flat_map's result")

        def results(v):
            r = call(v)
            try:
                it = iter(r)  # PyFlink's `yield from` of it: None, 0 or False fails
            except TypeError:
                raise not_iterable(r, own, "flat_map's function") from None
            if each is None:
                r = list(it)  # the job's own code runs here (a generator's): its errors keep their line
            else:
                # Each result laid out as it comes: one output_type refuses is the error of its yield's line (a
                # generator's, suspended there), or of the function's return (a list it returned).
                r = []
                for x in it:
                    try:
                        r.append(each(x))
                    except TypeError as e:
                        raise at_yield(e, it, own) from None
            return to_js(r, "flat_map's results")
        return self._opened(func, self._j.flatMap(_riffle.js.recordFunction(_riffle.record_proxy(results))), output_type,
                            "flat_map")

    def key_by(self, key_selector, key_type=None):
        f = _method_or_callable(key_selector, KeySelector, "get_key", "key_by")
        check_call(f, "value", "key_by")
        decode = decoder(self._type)
        # A key_type lays the key out as a cluster's key serializer does (a Row key's fields in its declared order).
        encode = encoder(key_type, "the key")
        if decode is None and encode is None:
            selector = _riffle.js.keyFunction(_riffle.record_proxy(f, "the key"), _riffle.prefetch_proxy(f, False),
                                              _riffle.plain_read(f, 1))
        else:
            # The selector reads the rebuilt record (r.user of a Row): never the JSON fields ahead of it or in JavaScript.
            selector = _riffle.js.keyFunction(_riffle.record_proxy(typed(f, decode, encode), "the key"), None, None)
        keyed = self._j.keyBy(selector)
        # A selector that returns None is refused by the engine, which names this line (a JS stack has no Python frames).
        _riffle.js.createdAt(getattr(keyed, "__node"), _riffle.current_line())
        self._openers.add(key_selector, keyed)
        return KeyedStream(keyed, self._api, self._openers, self._type, key_type)

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
            _riffle_fields.track(a)
            decode = decoder(self._type)
            if decode is None:
                j = j.withTimestampAssigner(_riffle.js.assignerFunction(_riffle.assigner_proxy(a), _riffle.prefetch_proxy(a, True),
                                                                        _riffle.plain_read(a, 2)))
            else:
                j = j.withTimestampAssigner(_riffle.js.assignerFunction(_riffle.assigner_proxy(a, decode), None, None))
            _riffle.js.createdAt(j, ws._line)
        if ws._idleness_ms is not None:
            j = j.withIdleness(ws._idleness_ms)
        return self._wrap(self._j.assignTimestampsAndWatermarks(j), self._type)

    def process(self, func, output_type=None):
        # PyFlink runs a ProcessFunction on a DataStream (its side-output docs do): the bare "needs a keyed stream"
        # read as a PyFlink rule. It is Riffle's: what it replays is keyed process functions only.
        name = type(func).__name__ if isinstance(func, Function) else "MyProcessFunction"
        raise TypeError(
            "DataStream.process(): PyFlink allows process() on a DataStream, but Riffle replays only keyed process "
            f"functions: key the stream first, e.g. .key_by(lambda e: e[\"user_id\"]).process({name}()) (a "
            "ProcessFunction runs there as a KeyedProcessFunction; without state or timers any key gives the same "
            "records)")

    def __getattr__(self, name):
        # Only for a name the class lacks: PyFlink's reduce, window, print, ... say what Riffle has instead.
        from pyflink.datastream._not_in_riffle import not_in_riffle
        raise not_in_riffle(self, name)

    def get_type(self):
        """The declared type of the stream's records (PyFlink's get_type): pickled (any value) where none was declared."""
        from pyflink.common.typeinfo import Types
        return Types.PICKLED_BYTE_ARRAY() if self._type is None else self._type

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

    # PyFlink's other tuning calls: a replay runs one pipeline (parallelism is riffle run's --parallelism), so they
    # change nothing here, and a job pasted from a cluster keeps them.
    def set_max_parallelism(self, max_parallelism):
        return self

    def slot_sharing_group(self, slot_sharing_group):
        return self

    def disable_chaining(self):
        return self

    def start_new_chain(self):
        return self

    def set_buffer_timeout(self, timeout_millis):
        return self

    def force_non_parallel(self):
        return self

    def set_uid_hash(self, uid_hash):
        return self

    def get_side_output(self, output_tag):
        if not isinstance(output_tag, OutputTag):
            raise TypeError("get_side_output expects an OutputTag")
        return self._wrap(self._j.getSideOutput(output_tag._to_js(self._api)), output_tag.type_info)


class KeyedStream(DataStream):
    def __init__(self, js_stream, api, openers=None, type_info=None, key_type=None):
        super().__init__(js_stream, api, openers, type_info)
        self._key_type = key_type  # what ctx.get_current_key() gives the key back as (_riffle_typed)

    def process(self, func, output_type=None):
        _not_a_class(func, KeyedProcessFunction, "process()")
        op = RiffleOperator(func, self._api, self._openers, self._type, output_type, self._key_type)
        return self._wrap(self._j.process(_riffle.js.keyedFunction(op)), output_type)
