# The state handles of a descriptor whose declared type changes what a value is in Python (a Row, a tuple, a float:
# _riffle_typed.py): each read rebuilds the value by that type and each write lays it out by it, around the plain
# handle's call (_state_handles.py). A descriptor whose type changes nothing gets the plain handle, frame for frame.
from _riffle_map_keys import key_value, keys_as_text
from _riffle_typed import decoder, encoder, read_state_as
from _riffle_values import declared, loads
from pyflink.datastream import _state_handles as sh


class _TypedValue(sh._Value):
    __slots__ = ("_dec", "_enc", "_state_name")

    def value(self):
        v = sh._Value.value(self)
        return v if v is None else self._dec(v)

    def update(self, value):
        sh._Value.update(self, value if value is None else self._enc(value))


class _TypedList(sh._List):
    def get(self):
        return [x if x is None else self._dec(x) for x in sh._List.get(self)]

    def add(self, value):
        sh._List.add(self, value if value is None else self._enc(value))

    def add_all(self, values):
        sh._List.add_all(self, values if values is None else [x if x is None else self._enc(x) for x in values])

    def update(self, values):
        sh._List.update(self, values if values is None else [x if x is None else self._enc(x) for x in values])


class _TypedMap(sh._Map):
    # The values are typed; a key crosses as it did (a tuple key comes back a tuple: _state_handles._Map).
    def get(self, key):
        v = sh._Map.get(self, key)
        return v if v is None else self._dec(v)

    def put(self, key, value):
        sh._Map.put(self, key, value if value is None else self._enc(value))

    def put_all(self, dict_value):
        if dict_value is not None:
            items = dict_value.items() if hasattr(dict_value, "items") else dict_value
            dict_value = [(k, v if v is None else self._enc(v)) for k, v in items]
        sh._Map.put_all(self, dict_value)

    def items(self):
        return [(k, v if v is None else self._dec(v)) for k, v in sh._Map.items(self)]

    def values(self):
        return [v if v is None else self._dec(v) for v in sh._Map.values(self)]


class _TypedReducing(sh._Merging):
    def get(self):
        v = sh._Merging.get(self)
        return v if v is None else self._dec(v)

    # The engine stores the value laid out by its type; the reduce function gets the job's own value (_Merging.add).
    def _engine_text(self, value):
        return sh._Merging._engine_text(self, value if value is None else self._enc(value))


def _codec(handle, t, what, kind="value", readable=True):
    """The typed handle's decoder and encoder for t, or False when t changes nothing (the plain handle serves). A
    LONG, INT or STRING state is a plain handle's, which checks its writes in their own frames (declared).
    `readable`: register how a breakpoint reads it (map_state does that itself, with its keys)."""
    dec = decoder(t, state=True)
    enc = None if declared(t) is not None else encoder(t, what, state=True)
    if dec is None and enc is None:
        return False
    if dec is not None and readable:
        read_state_as(handle._state_name, kind, dec, t)
    handle._dec = dec if dec is not None else (lambda v: v)
    handle._enc = enc if enc is not None else (lambda v: v)
    return True


# A plain handle's declared type is checked at each write as its PyFlink coder would (_riffle_values.declared).
def value_state(a, desc):
    h = _TypedValue(a, desc.name)
    h._state_name = desc.name
    if _codec(h, desc.type_info, f"ValueState {desc.name!r}.update(value)"):
        return h
    return sh._Value(a, desc.name, declared(desc.type_info))


def list_state(a, desc):
    h = _TypedList(a, desc.name)
    h._state_name = desc.name
    return h if _codec(h, desc.type_info, f"ListState {desc.name!r}", "list") else sh._List(a, desc.name, declared(desc.type_info))


def map_state(a, desc):
    # Its keys' declared type is checked as its values' is (a LONG, INT or STRING key: _state_handles._Map._k; a Row,
    # tuple or other one: _checking_keys).
    keys = declared(desc.key_type_info)
    h = _TypedMap(a, desc.name, None, keys)
    h._state_name = desc.name
    if not _codec(h, desc.value_type_info, f"MapState {desc.name!r}", "map", readable=False):
        h = sh._Map(a, desc.name, declared(desc.value_type_info), keys)
    _readable_map(desc)
    return h if keys is not None else _decoding_keys(_checking_keys(h, desc), desc)


def _readable_map(desc):
    """Registers how a breakpoint reads the MapState: its values by their declared type, and its keys, which the
    debugger hands over as their JSON values (debug-expression.ts stateObject), by theirs (an int, a Row), as the
    job's own calls take them."""
    kt = desc.key_type_info
    dec = decoder(desc.value_type_info, state=True)
    key = key_value(decoder(kt, state=True)) if kt is not None and keys_as_text(kt) else None
    if dec is not None or key is not None:
        read_state_as(desc.name, "map", dec or (lambda v: v), (kt, desc.value_type_info), key)


def _checking_keys(h, desc):
    """h, whose calls with a key refuse one its declared key type's coder does not take (a list where
    Types.TUPLE([...]) is declared, ("a", 1.5) where its second item is Types.LONG()), as PyFlink encodes a MapState's
    key with it (fn_execution/state_impl.py InternalSynchronousMapRuntimeState); h itself where that type checks
    nothing. Its _k and put_all are wrapped on the handle itself: a map of no such key type runs as it did."""
    t = desc.key_type_info
    calls = ("get", "put", "contains", "remove", "put_all")
    check = {c: encoder(t, f"MapState {desc.name!r}.{c}(key)", state=True) for c in calls}
    if check["get"] is None:
        return h
    plain_k, plain_put_all = h._k, h.put_all

    # A key is stored as its type lays it out (a Row's fields in the declared order, bytes as their values), so the
    # same key finds the same entry whatever order the job's Row has its fields in, and reads back by its type.
    def k(key, call):
        return plain_k(key if key is None else check[call](key), call)

    def put_all(dict_value):
        if dict_value is not None:
            dict_value = list(dict_value.items()) if hasattr(dict_value, "items") else list(dict_value)
            dict_value = [(check["put_all"](kv[0]), kv[1]) if type(kv) is tuple and len(kv) == 2 and kv[0] is not None
                          else kv for kv in dict_value]
        plain_put_all(dict_value)
    h._k, h.put_all = k, put_all
    return h


def _decoding_keys(h, desc):
    """h, whose keys(), items() and iteration give each key back as its declared type's coder reads it (a Row with
    the declared field names for a Types.ROW / ROW_NAMED, bytes, a float), where PyFlink decodes a MapState's keys
    with it; h itself where that type rebuilds nothing (a key stays as JSON gives it, a list as a tuple). Wrapped on
    the handle itself, as _checking_keys is: a map of no such key type runs as it did."""
    kd = decoder(desc.key_type_info, state=True)
    if kd is None:
        return h
    a = h._a
    vd = getattr(h, "_dec", None)  # a _TypedMap's value decoder

    def key(k):
        return k if k is None else kd(k)

    def keys():
        return [key(k) for k in loads(a.keys())]

    def items():
        if vd is None:
            return [(key(k), v) for k, v in loads(a.entries())]
        return [(key(k), v if v is None else vd(v)) for k, v in loads(a.entries())]
    h.keys, h.items = keys, items
    return h


def reducing_state(a, desc):
    # The reduced value is of the declared type; an AggregatingState's get() is get_result's, of no declared type
    # (its accumulator's is applied in state.py, around the aggregate function).
    h = _TypedReducing(a, desc.name, "ReducingState")
    h._state_name = desc.name
    if _codec(h, desc.type_info, f"ReducingState {desc.name!r}.add(value)"):
        return h
    d = declared(desc.type_info)
    return sh._Merging(a, desc.name, "ReducingState", d if d is not None and d[0] is int else None)
