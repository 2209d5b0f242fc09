# The state handles a Python job's RuntimeContext hands out (pyflink.datastream.state's ValueState, ListState, MapState,
# ReducingState and AggregatingState): each forwards every call to the engine's own state and converts values at the
# boundary (JSON-compatible in, a fresh copy out). A refusal of the engine arrives as the Python error PyFlink raises
# (TypeError, ValueError): the engine's adapter raises it (python-state.ts), so no call here needs a try of its own.
# `decl`: the declared type whose PyFlink coder refuses a value (_riffle_values.declared: a float where Types.LONG()
# is, an int where Types.STRING() is), checked in each write's own frame, or None.
from _riffle_values import _scan, coder_refusal, dumps, is_plain, key_tuple, loads, refuse_any
import _riffle_agg_results as agg
from pyflink.datastream.state import AggregatingState, ListState, MapState, ReducingState, ValueState


# A JSON text crossing to JavaScript at least this long: Pyodide builds a shorter JavaScript string one character at
# a time (a chain of up to 63 concatenations, which JSON.parse then flattens), a longer one in one decoding call.
# ljust's blanks follow the value, where JSON.parse skips them. About 0.5-1 µs less a value update in Node 20.
_ONE_DECODING = 64


class _Value(ValueState):
    __slots__ = ("_get", "_put", "_put_json", "_clear", "_what", "_decl", "_name")

    def __init__(self, a, name, decl=None):
        self._get = a.get
        self._put = a.put
        self._put_json = a.putJson
        self._clear = a.clear
        self._what = f"ValueState {name!r}.update(value)"
        self._decl = decl
        self._name = name

    def value(self):
        return _scan(self._get(), 0)[0]  # loads, one frame less: called once a record

    def update(self, value):
        t = type(value)
        d = self._decl
        if d is not None and value is not None and (t is not d[0] or d[1] and value not in d[1]):
            e = coder_refusal(d, value, f"ValueState {self._name!r}.update({value!r})")
            if e is not None:
                raise e
        if t is dict or t is list:  # is_plain's answer for them, without its frame: called once a record
            self._put_json(dumps(value, self._what).ljust(_ONE_DECODING))
        elif is_plain(value, self._what):
            self._put(value)
        else:
            self._put_json(dumps(value, self._what).ljust(_ONE_DECODING))

    def clear(self):
        self._clear()


class _List(ListState):
    def __init__(self, a, name, decl=None):
        self._a = a
        self._name = name
        self._decl = decl

    def get(self):
        return loads(self._a.get())

    def add(self, value):
        d = self._decl
        if d is not None and value is not None and (type(value) is not d[0] or d[1] and value not in d[1]):
            e = coder_refusal(d, value, f"ListState {self._name!r}.add({value!r})")
            if e is not None:
                raise e
        self._a.addJson(dumps(value, f"ListState {self._name!r}.add(value)"))

    # None is handed to the engine as it is: its L4/L5 refusal ("List of values to add cannot be null."), as a
    # TypeScript job gets, not list(None)'s "'NoneType' object is not iterable".
    def add_all(self, values):
        values = None if values is None else list(values)
        if self._decl is not None and values is not None:
            refuse_any(self._decl, values, f"ListState {self._name!r}.add_all(values)")
        self._a.addAllJson(dumps(values, f"ListState {self._name!r}.add_all(values)"))

    def update(self, values):
        values = None if values is None else list(values)
        if self._decl is not None and values is not None:
            refuse_any(self._decl, values, f"ListState {self._name!r}.update(values)")
        self._a.updateJson(dumps(values, f"ListState {self._name!r}.update(values)"))

    def clear(self):
        self._a.clear()

    def __iter__(self):
        return iter(self.get())


class _Map(MapState):
    def __init__(self, a, name, decl=None, key_decl=None):
        self._a = a
        self._name = name
        self._decl = decl  # the values' declared type
        # The keys': PyFlink encodes a key with its coder for every call that takes one (a put's or remove's when
        # its writes are flushed, a get's or contains' to look it up: fn_execution/state_impl.py
        # InternalSynchronousMapRuntimeState), so each refuses a key it cannot encode.
        self._key_decl = key_decl

    def _k(self, key, call):
        d = self._key_decl
        if d is not None and key is not None and (type(key) is not d[0] or d[1] and key not in d[1]):
            e = coder_refusal(d, key, f"MapState {self._name!r}.{call}({key!r}{', value' if call == 'put' else ''})")
            if e is not None:
                raise e
        return dumps(key, f"MapState {self._name!r} key")

    def get(self, key):
        return loads(self._a.get(self._k(key, "get")))

    def put(self, key, value):
        k = self._k(key, "put")
        d = self._decl
        if d is not None and value is not None and (type(value) is not d[0] or d[1] and value not in d[1]):
            e = coder_refusal(d, value, f"MapState {self._name!r}.put(key, {value!r})")
            if e is not None:
                raise e
        self._a.put(k, dumps(value, f"MapState {self._name!r}.put(key, value)"))

    def put_all(self, dict_value):
        # None goes to the engine, which refuses it naming the state, as a TypeScript job's putAll(null) is.
        items = None if dict_value is None else list(dict_value.items()) if hasattr(dict_value, "items") else list(dict_value)
        if items is not None and (self._decl is not None or self._key_decl is not None):
            pairs = [kv for kv in items if type(kv) is tuple and len(kv) == 2]
            if self._key_decl is not None:
                refuse_any(self._key_decl, [kv[0] for kv in pairs], f"MapState {self._name!r}.put_all(entries), a key")
            if self._decl is not None:
                refuse_any(self._decl, [kv[1] for kv in pairs], f"MapState {self._name!r}.put_all(entries)")
        self._a.putAll(dumps(items, f"MapState {self._name!r}.put_all(entries)"))

    def remove(self, key):
        self._a.remove(self._k(key, "remove"))

    def contains(self, key):
        return self._a.contains(self._k(key, "contains"))

    # A key stored as JSON comes back a list where the job put a tuple (m.put(("a", 1), v), the usual composite
    # key): given back as the tuple, as PyFlink does and as get_current_key() does, hashable as a dict key. A list
    # key (rare: it is no dict key in Python) comes back a tuple too, as JSON keeps no difference.
    def items(self):
        return [(key_tuple(k) if type(k) is list else k, v) for k, v in loads(self._a.entries())]

    def keys(self):
        return [key_tuple(k) if type(k) is list else k for k in loads(self._a.keys())]

    def values(self):
        return loads(self._a.values())

    def is_empty(self):
        return self._a.isEmpty()

    def clear(self):
        self._a.clear()

    def __iter__(self):
        return iter(self.keys())

    def __contains__(self, key):
        return self.contains(key)

    # PyFlink's MapState is also read and written as a dict: m[k], m[k] = v, del m[k].
    def __getitem__(self, key):
        return self.get(key)

    def __setitem__(self, key, value):
        self.put(key, value)

    def __delitem__(self, key):
        self.remove(key)


class _Merging(ReducingState, AggregatingState):
    def __init__(self, a, name, kind, decl=None):
        self._a = a
        self._name = name
        self._what = f"{kind} {name!r}.add(value)"
        self._said = f"{kind} {name!r}.add"
        # A ReducingState's declared integer type (an AggregatingState's add takes the input, of no declared type).
        # Only a float or an int beyond its range is refused at add: another value reaches the reduce function first,
        # as in PyFlink, whose own TypeError (1 + 'x') is the one the job sees.
        self._decl = decl

    def get(self):
        return loads(self._a.get())

    def add(self, value):
        d = self._decl
        t = type(value)
        if d is not None and (t is float or t is int and d[1] and value not in d[1]):
            e = coder_refusal(d, value, f"{self._said}({value!r})")
            if e is not None:
                raise e
        # The reduce function (the aggregate's add) gets the value itself, as PyFlink's add hands it over, not the
        # engine's JSON of it (a tuple, 1.0): kept for the add in progress (_riffle_agg_results.inputs).
        inputs = agg.inputs
        name = self._name
        inputs[name] = value
        try:
            self._a.addJson(self._engine_text(value))
        finally:
            inputs[name] = agg.UNSET

    def _engine_text(self, value):
        # A reducing state stores the value itself when it is empty: JSON must hold it.
        return dumps(value, self._what)

    def clear(self):
        self._a.clear()


class _Aggregating(_Merging):
    """An AggregatingState: get() is the object the aggregate's get_result returned, as PyFlink's (3.0 a float), not
    the engine's JSON of it (_riffle_agg_results)."""

    def __init__(self, a, name):
        super().__init__(a, name, "AggregatingState")

    def get(self):
        results = agg.results
        name = self._name
        results[name] = agg.UNSET
        text = self._a.get()
        r = results[name]
        return loads(text) if r is agg.UNSET else r

    def _engine_text(self, value):
        # Only the aggregate's add reads the input, so one JSON cannot hold (a set) is written by its repr.
        return agg.engine_input(value, dumps, self._what)
