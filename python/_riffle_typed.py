# A declared TypeInformation's say over values, as PyFlink's serializers have it: the engine keeps JSON (a Row is the
# list of its fields, 3.0 is 3), so a value crossing into Python where a type is declared (an operator's output_type, a
# state descriptor's type, an OutputTag's) is rebuilt from that type, and one crossing out is laid out by it (refused
# where PyFlink's coder for it fails). The one place these rules live: streams (data_stream.py), operators
# (_operator.py, _output.py) and state (_typed_state_handles.py, state.py) ask decoder() and encoder(), which are None
# where the type changes nothing (no Python frame is added).
import struct

from _riffle_map_keys import key_reader, key_value, key_writer, keys_as_text
from _riffle_values import a_noun, coder_refusal, declared
from pyflink.common.typeinfo import RowTypeInfo, TupleTypeInfo, operator_bytes
from pyflink.common.types import Row, _create_row


def _float(v):
    # A whole float crossed JSON as an int (3.0 is 3): Types.DOUBLE / FLOAT give it back a float, as PyFlink's coder.
    return float(v) if type(v) is int else v


_single = struct.Struct("<f")  # standard size: beyond single precision raises, as PyFlink's coder


def _float32(what):
    def single(v):
        # PyFlink's FLOAT is 4 bytes: what comes back is the single-precision value (0.1 is 0.10000000149011612).
        if type(v) is not float and type(v) is not int:
            return v
        try:
            return _single.unpack(_single.pack(v))[0]
        except OverflowError:
            raise TypeError(f"{what}: {v} is beyond what Types.FLOAT() holds (single precision, up to 3.4e38): "
                            "Types.DOUBLE() holds it") from None
    return single


def decoder(t, state=False):
    """A function rebuilding a JSON value as the Python value type t gives in PyFlink, or None when it is the same.
    `state`: a state's type, which PyFlink decodes with its own coders (a Types.LIST(Types.BYTE()) is a list there)."""
    if t is None:
        return None
    if isinstance(t, RowTypeInfo):
        # Types.ROW() without fields is Riffle's label for any object (the TypeScript Types.ROW): no rebuilding.
        if t.get_arity() == 0:
            return None
        names = t.get_field_names()  # one list for all its rows, as PyFlink's row coder shares its field names
        fields = [decoder(f, state) for f in t.get_field_types()]
        if all(d is None for d in fields):
            return lambda v: _create_row(names, v) if type(v) is list else v
        return lambda v: _create_row(names, [x if d is None or x is None else d(x) for d, x in zip(fields, v)]) if type(v) is list else v
    if isinstance(t, TupleTypeInfo):
        fields = [decoder(f, state) for f in t.get_field_types()]
        return lambda v: tuple(x if d is None or x is None else d(x) for d, x in zip(fields, v)) if type(v) is list else v
    name = t.name
    if name == "DOUBLE" or name == "FLOAT":
        return _float
    if name == "BYTES":
        return _bytes
    if name == "LIST":
        if not state and operator_bytes(t):
            return _bytes
        d = decoder(t.params[0], state)
        return None if d is None else lambda v: [None if x is None else d(x) for x in v] if type(v) is list else v
    if name == "MAP":
        d = decoder(t.params[1], state)
        if keys_as_text(t.params[0]):
            # Its keys are their JSON text in the engine (_riffle_map_keys): read back as the declared key type.
            k = key_reader(decoder(t.params[0], state))
            if d is None:
                return lambda v: {k(m): x for m, x in v.items()} if type(v) is dict else v
            return lambda v: {k(m): None if x is None else d(x) for m, x in v.items()} if type(v) is dict else v
        return None if d is None else lambda v: {k: None if x is None else d(x) for k, x in v.items()} if type(v) is dict else v
    return None


def encoder(t, what, state=False):
    """A function laying a value out as type t has it on a cluster (a Row's fields in the declared order), raising
    TypeError (at the job's line) where PyFlink's serializer would fail; None when t changes nothing. `what`: the
    value, as the job makes it ("map's result"); `state`: a state's value (a reduce result, an accumulator), which
    PyFlink encodes with its own coders, where a list's items may be None. A value of no declared type (t None:
    PyFlink pickles it) costs nothing, and neither does Types.PICKLED_BYTE_ARRAY(), which takes anything. None itself
    is taken: an operator's output is a field of PyFlink's runner output Row, which may be null (input_handler.py
    _emit_results), and a state's is refused before (_state_handles)."""
    if t is None:
        return None
    if isinstance(t, RowTypeInfo):
        if t.get_arity() == 0:
            return None
        names = t.get_field_names()
        # A field may be None: RowCoderImpl writes a null mask.
        fields = [encoder(f, f"{what} (field {n!r})", state) for f, n in zip(t.get_field_types(), names)]
        takes = f"PyFlink's row serializer takes only a Row (Row({', '.join(f'{n}=...' for n in names)}))"

        def row(v):
            # PyFlink's RowCoderImpl asks the value for get_fields_by_names: anything but a Row fails.
            if v is None:
                return None
            if not isinstance(v, Row):
                raise shape_refused(what, v, t, takes)
            values = _by_names(v, names, t, what)
            return [x if e is None or x is None else e(x) for e, x in zip(fields, values)]
        return row
    if isinstance(t, TupleTypeInfo):
        types = t.get_field_types()
        fields = [encoder(f, f"{what} (item {i})", state) for i, f in enumerate(types)]
        n = len(fields)
        nulls = [takes_none(f) for f in types]
        takes = f"PyFlink's tuple coder takes only a tuple of {n} item{'' if n == 1 else 's'}"

        def tup(v):
            # PyFlink's tuple coder takes a tuple (`cdef tuple`: a list fails) and encodes its first n items, so a
            # shorter one fails (coder_impl_fast.pyx TupleCoderImpl); what it gives back is those n.
            if v is None:
                return None
            if not isinstance(v, tuple) or len(v) < n:
                raise shape_refused(what, v, t, takes)
            out = [x if e is None or x is None else e(x) for e, x in zip(fields, v)]
            if None in out:
                # Each item goes to its type's coder as it is, with no null flag: write_int64(None) fails.
                for i, x in enumerate(out):
                    if x is None and not nulls[i]:
                        raise TypeError(f"{what} (item {i}) is None, where {types[i].written()} is declared: "
                                        "PyFlink's tuple coder has no null items (a Row's fields may be None): this "
                                        "would fail on a Flink cluster")
            return out
        return tup
    name = t.name
    if name == "FLOAT":
        return _float32(what)
    if name == "BYTES":
        return _byte_values(t, what)
    if name == "LIST":
        if not state and operator_bytes(t):
            return _byte_values(t, what, "PyFlink encodes an operator's Types.LIST(Types.BYTE()) as bytes (a state's is a "
                                "list of ints), and its byte array coder takes only bytes")
        return _list(t, encoder(t.params[0], f"{what} (an item)", state), what, state)
    if name == "MAP":
        # A value may be None (MapCoderImpl writes a null flag); a key goes to its coder as it is.
        return _map(t, encoder(t.params[0], f"{what} (a key)", state), encoder(t.params[1], f"{what} (a value)", state),
                    what)
    d = declared(t)
    return None if d is None else refusing(d, what)


def _bytes(v):
    # Types.PRIMITIVE_ARRAY(Types.BYTE()) (and an operator's Types.LIST(Types.BYTE())) kept as the list of its byte
    # values: given back as the bytes PyFlink's BinaryCoder reads.
    return bytes(v) if type(v) is list else v


def _byte_values(t, what, coder="PyFlink's byte array coder takes only bytes"):
    # PyFlink's BinaryCoderImpl writes the value as a C char buffer (coder_impl_fast.pyx write_bytes): bytes or a
    # bytearray; a list of ints or a str fails ("expected bytes, list found").
    takes = f"{coder} (bytes([...]) makes them of a list of ints)"

    def values(v):
        if v is None:
            return None
        if not isinstance(v, (bytes, bytearray)):
            raise shape_refused(what, v, t, takes)
        return list(v)
    return values


def _list(t, e, what, state):
    # PyFlink's array coders (GenericArrayCoderImpl, PrimitiveArrayCoderImpl) take only a list (`cdef list`: a tuple
    # fails, an int has no len()), whatever its items' type: checked even where the items are not. A None item is
    # flagged by the generic one, and given to the item's coder by the primitive one, which PyFlink uses for a
    # PRIMITIVE_ARRAY, and for a LIST where an operator's type crosses to Java and back (coders.py
    # from_type_info_proto); a state's LIST is a generic array (from_type_info), as BASIC_ and OBJECT_ARRAY are.
    takes = "PyFlink's array coder takes only a list"
    kind = getattr(t, "kind", "LIST")
    nulls = kind != "PRIMITIVE_ARRAY" and (kind != "LIST" or state) or takes_none(t.params[0])
    no_null = ("PyFlink's primitive array coder has no null items" if kind == "PRIMITIVE_ARRAY" else
               "PyFlink encodes an operator's Types.LIST as a primitive array, which has no null items (a state's "
               "Types.LIST or a Types.BASIC_ARRAY may hold None)")

    def lst(v):
        if v is None:
            return None
        if not isinstance(v, list):
            raise shape_refused(what, v, t, takes)
        if not nulls and None in v:
            raise TypeError(f"{what} (an item) is None, where {t.written()} is declared: {no_null}: this would fail "
                            "on a Flink cluster")
        return v if e is None else [None if x is None else e(x) for x in v]
    return lst


def takes_none(t):
    """Whether the coder of t takes None as it is: PyFlink's pickling one (Types.PICKLED_BYTE_ARRAY()), and Riffle's
    Types.ROW() without fields, which stands for any value."""
    return t.name == "JSON" or isinstance(t, RowTypeInfo) and t.get_arity() == 0


def _map(t, k, e, what):
    # PyFlink's MapCoderImpl takes the len() and items() of a dict, and encodes each key with the key type's coder.
    takes = "PyFlink's map coder takes only a dict"
    # A key type other than a string's: each key is kept as its JSON text (_riffle_map_keys), an int key as "9".
    text = key_writer(t.params[0], k, what) if keys_as_text(t.params[0]) else None

    def mp(v):
        if v is None:
            return None
        if not isinstance(v, dict):
            raise shape_refused(what, v, t, takes)
        if text is not None:
            return {text(key): x if e is None or x is None else e(x) for key, x in v.items()}
        if k is not None:
            for key in v:
                k(key)
        return v if e is None else {key: None if x is None else e(x) for key, x in v.items()}
    return mp


def shape_refused(what, v, t, takes):
    """The TypeError for a value of a kind the declared container type t's coder does not take (an int where
    Types.LIST(...) is declared), in coder_refusal's words; `takes`: what that coder takes."""
    shown = repr(v)
    shown = f" is {shown}" if len(shown) <= 60 else ""
    kind = a_noun(type(v).__name__)
    if isinstance(v, tuple):
        kind += f" of {len(v)} item{'' if len(v) == 1 else 's'}"
    return TypeError(f"{what}{shown}: {kind}, where {t.written()} is declared: {takes}: this would fail on a Flink "
                     "cluster")


def refusing(d, what):
    """The check of a value of the declared type d (_riffle_values.declared: LONG, INT, STRING) as PyFlink's coder for
    it takes it: the value itself, or coder_refusal's TypeError. A state's own handle compares in its write's frame
    instead (_state_handles.py); this serves an operator's output_type, a key_type, an OutputTag's type, a reduce
    function's result, an accumulator and the fields of a declared Row, tuple, list or map."""
    want, bounds = d[0], d[1]

    def check(v):
        if v is not None and (type(v) is not want or bounds and v not in bounds):
            e = coder_refusal(d, v, f"{what} is {v!r}")
            if e is not None:
                raise e
        return v
    return check


def _by_names(row, names, t, what):
    """The row's values in the declared order (PyFlink's Row.get_fields_by_names): a positional Row as it is."""
    own = row._fields
    if own is None or own == names:
        if len(row._values) < len(names):
            # PyFlink's row serializer fails on it; stored short, it would fail later, far from here (row.f1).
            n = len(row._values)
            raise TypeError(f"{what}: {row!r} has {n} field{'' if n == 1 else 's'} where {t.written()} declares "
                            f"{len(names)}")
        return row._values
    missing = [n for n in names if n not in own]
    if missing:
        raise TypeError(f"{what}: {row!r} has no field {', '.join(map(repr, missing))} of the declared {t.written()}")
    return [row._values[own.index(n)] for n in names]


# A state's reader for the debugger's breakpoint expressions, by state name (_riffle_expressions): its value there is
# the inspector's JSON (a list's entries, a map's values by key), rebuilt as the job's value() would give it. A name
# declared with two types (two operators) is not rebuilt: which one a condition means is not known.
state_readers = {}
_AMBIGUOUS = object()


def read_state_as(name, kind, decode, t, key=None):
    """Registers how state `name` (of kind "value", "list" or "map", declared type t) reads in a breakpoint expression;
    `key`: how a map's key is read back from its JSON value (_riffle_map_keys.key_value), None: as JSON has it."""
    if kind == "list":
        def read(v):
            return [decode(x) for x in v] if type(v) is list else v
    elif kind == "map":
        def read(v):
            return {k: decode(x) for k, x in v.items()} if type(v) is dict else v
    else:
        read = decode
    known = state_readers.get(name)
    state_readers[name] = (t, read, key) if known is None or known is not _AMBIGUOUS and known[0] == t else _AMBIGUOUS


def rebuild_state(scope, entries=None):
    """The breakpoint scope's state values as the job reads them (read_state_as). `entries`: the [key, value] pairs of
    each map with a key other than a str, by name (debug-expression.ts stateObject names such a key by its JSON text,
    9 as "9"): its dict is made of them, each key as the job's calls give it (9 and "9" two keys, ("a", 1) a tuple)."""
    if entries:
        for name, pairs in entries.items():
            known = state_readers.get(name)
            key = known[2] if known is not None and known is not _AMBIGUOUS and known[2] is not None else key_value(None)
            scope[name] = {key(k): v for k, v in pairs}
    for name, known in state_readers.items():
        if known is not _AMBIGUOUS and scope.get(name) is not None:
            scope[name] = known[1](scope[name])


def typed(fn, decode, encode):
    """fn with its argument rebuilt by decode and its result laid out by encode (either may be None): fn itself when
    both are, so an untyped stream's functions run as they did."""
    if decode is None and encode is None:
        return fn
    if encode is None:
        return lambda v: fn(decode(v))
    out = laid_out(fn, encode)
    return out if decode is None else lambda v: out(decode(v))


def laid_out(fn, encode):
    """fn with its result laid out by encode (a declared type's encoder), a refusal placed at fn's return line; fn
    itself when encode is None."""
    if encode is None:
        return fn

    def call(*args):
        r = fn(*args)
        try:
            return encode(r)
        except BaseException as e:
            raise at_return(e, fn)
    return call


def at_return(e, fn):
    """e, placed at fn's return: a result refused once fn's frame is gone has no job line in its traceback. A
    function with no code in the job file (operator.truediv as a reduce function) gives the job's call in progress
    (the state's add)."""
    import _riffle
    from pyflink.datastream._output import _return_line
    code = getattr(fn, "__code__", None)
    own = code is not None and code.co_filename == _riffle.job_file
    line = _return_line(fn) if own else _riffle.current_line()
    if line and not getattr(e, "line", None):
        try:
            e.line = line
            e.function = getattr(fn, "__name__", "") if own else ""
        except AttributeError:
            pass
    return e


def at_yield(e, it, fn):
    """e, placed at the yield of generator `it` that gave the refused value (its frame waits there), else at fn's
    return (at_return): a value refused outside the job's frame has no job line in its traceback."""
    frame = getattr(it, "gi_frame", None)
    if frame is None:
        return at_return(e, fn)
    if not getattr(e, "line", None):
        try:
            e.line = frame.f_lineno
            e.function = it.gi_code.co_name
        except AttributeError:
            pass
    return e
