# Python values as the engine holds them (JSON): the encoding of what a job stores or emits, with the errors that say
# what JSON could not hold, and the decoding of what comes back. No state of a run: imported by _riffle, which
# hands these names on to pyflink/.
import json
import re

from pyflink.common.types import Row

MAX_EXACT_INT = 2 ** 53
_INF = float("inf")


class JobValueError(TypeError):
    """A value stored or emitted that JSON (and so a TypeScript job) could not hold."""


def float_refused(said, where):
    """The TypeError for a float where PyFlink writes a long (a timer's time, a timestamp, a LONG state): its coder
    (struct.pack('>q', ...) or Cython's int64_t) refuses any float, even a whole one, which JavaScript cannot tell from
    an int, so the job would fail only on a cluster. `said`: the call and value, ending "a float"; `where`: what
    takes an int, and which (Flink's long)."""
    return TypeError(f"{said}, where {where}: its coder refuses a float on a cluster, even a whole "
                     f"one; make it an int (int(...), or // instead of /)")


# A state's declared type whose PyFlink coder Riffle checks at each write, by TypeInformation name (BIG_INT and the SQL
# times are labelled LONG, CHAR STRING: typeinfo.py): (the Python type the coder takes, the range of an integer coder
# narrower than 64 bits (a range object: `v not in r` is one C call) or None, the type as written, the coder's name,
# the type to declare instead of one too narrow). fn_execution/coder_impl_slow.py: TinyIntCoderImpl writes an int8,
# SmallIntCoderImpl an int16, IntCoderImpl an int32, BigIntCoderImpl an int64. Other declared types are not checked.
INT32_MIN = -2 ** 31
INT32_MAX = 2 ** 31 - 1
_DECLARED = {"LONG": (int, None, "Types.LONG()", "long", None),
             "INT": (int, range(INT32_MIN, INT32_MAX + 1), "Types.INT()", "int", "Types.LONG()"),
             "SHORT": (int, range(-2 ** 15, 2 ** 15), "Types.SHORT()", "short", "Types.INT()"),
             "BYTE": (int, range(-2 ** 7, 2 ** 7), "Types.BYTE()", "byte", "Types.SHORT()"),
             "STRING": (str, None, "Types.STRING()", "string", None)}


def declared(type_info):
    """What a state of this declared type checks at a write (coder_refusal), or None. A handle asks only when its
    quick test fails: `value is not None and (type(value) is not d[0] or d[1] and value not in d[1])`,
    a comparison in the write's own frame, so a declared state costs no Python call per write."""
    return _DECLARED.get(getattr(type_info, "name", None))


def coder_refusal(d, value, said):
    """The TypeError for a value the declared type d's PyFlink coder refuses on a cluster (flink-python/pyflink/
    fn_execution/coder_impl_fast.pyx: BigIntCoderImpl writes an int64, IntCoderImpl an int32, SmallIntCoderImpl an
    int16, TinyIntCoderImpl an int8, CharCoderImpl calls value.encode), or None where it takes it (a bool in an integer state). `said`: the call and value."""
    want, bounds, label, coder, wider = d
    t = type(value)
    if want is int:
        if t is bool or t is int and bounds is None:
            return None
        if t is float:
            return float_refused(f"{said}: a float", f"{label} is declared (Flink's {coder})")
        if t is int:
            if value in bounds:
                return None
            return TypeError(f"{said}: beyond {label}'s range (Flink's {coder}: {bounds.start} to {bounds.stop - 1}), "
                             f"which PyFlink's {coder} coder refuses on a cluster: declare {wider}")
        return TypeError(f"{said}: {a_noun(t.__name__)} where {label} is declared: PyFlink's {coder} coder takes only "
                         "an int")
    if t is str:
        return None
    return TypeError(f"{said}: {a_noun(t.__name__)} where {label} is declared: PyFlink's string coder takes only a "
                     "str (str(...))")


def a_noun(noun):
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def refuse_any(d, values, said):
    """coder_refusal for the items of a bulk write (add_all, update, put_all's values), raised at the first; None
    items are left to the engine, which refuses them in its own words."""
    want, bounds = d[0], d[1]
    for v in values:
        if v is not None and (type(v) is not want or bounds and v not in bounds):
            e = coder_refusal(d, v, f"{said}: {v!r}")
            if e is not None:
                raise e


def _check_number(v, what):
    t = type(v)
    if t is int and not -MAX_EXACT_INT <= v <= MAX_EXACT_INT:
        raise JobValueError(f"{what}: the int {v} is beyond 2**53, where numbers stop being exact (as in a TypeScript job)")
    if t is float and (v != v or v == _INF or v == -_INF):
        raise JobValueError(f"{what}: {v} is not JSON-compatible (NaN and infinities have no JSON form)")


def _json_default(o):
    # PyFlink's Row (a mutable object, not a tuple) is written as the list of its fields.
    if isinstance(o, Row):
        return o._values
    raise TypeError(f"a {type(o).__name__} is not JSON-compatible")


_encoder = json.JSONEncoder(allow_nan=False, separators=(",", ":"), default=_json_default)
_encode = _encoder.encode


def _c_encoder():
    # What _encoder.encode(v) runs, without its Python layers (encode, iterencode): a few microseconds a value in
    # Pyodide. Its circular-reference markers are fresh per encoder: one is made again after a failed encoding.
    return json.encoder.c_make_encoder({}, _json_default, json.encoder.encode_basestring_ascii, None, ":", ",",
                                       False, False, False)


_c_encode = _c_encoder() if json.encoder.c_make_encoder is not None else None
# The C encoder gives its text as a 1-tuple (CPython 3.13+): its item is the text, without a join's call.
_c_single = _c_encode is not None and (lambda r: type(r) is tuple and len(r) == 1)(_c_encode(0, 0))
# json.loads without its Python layers (loads, decode, raw_decode and two regular expressions): it reads a value from
# the text's first character, so every text handed here starts with one (JSON.stringify's, or a recording's line
# without the blanks before it: record-text.ts pythonRecordText); what follows the value is not read.
_scan = json.scanner.make_scanner(json.JSONDecoder())


def loads(text):
    return _scan(text, 0)[0]


def is_plain(v, what):
    """True for a value that crosses to JS as it is (None, bool, str, an exact int, a finite float)."""
    t = type(v)
    if v is None or t is str or t is bool:
        return True
    if t is int or t is float:
        _check_number(v, what)
        return True
    return False


# What json writes for a dict key that is not a str: its number, true, false, null, NaN or Infinity, quoted.
# Only a text with such a key in it is walked (_check_keys), once per stored or emitted value: a walk costs a
# Python frame per dict in Pyodide, this search a C call. A str key that looks like one ("9") walks for nothing.
_changed_key = re.compile(r'"(?:-?[0-9][^"]*|true|false|null|NaN|-?Infinity)":').search


def _check_keys(v):
    """Raises TypeError at a dict key that is not a str: json writes 1, True or None as "1", "true", "null", so the
    value read back has other keys (counts[9] became counts["9"], and counts.get(9, 0) was 0 again)."""
    if isinstance(v, dict):
        for k, x in v.items():
            if not isinstance(k, str):
                as_json = json.dumps({k: 0})[1:-4] if isinstance(k, (int, float)) or k is None else None
                stored = f" (JSON would store it as the string {as_json})" if as_json else ""
                raise TypeError(f"the dict key {k!r} ({type(k).__name__}) is not a str{stored}: {_undeclared_key(k)}")
            if isinstance(x, (dict, list, tuple, Row)):
                _check_keys(x)
    else:
        for x in v:
            if isinstance(x, (dict, list, tuple, Row)):
                _check_keys(x)


# A dict key's declared type, as the refusal of an undeclared one suggests it.
_KEY_TYPES = {int: "Types.LONG()", float: "Types.DOUBLE()", bool: "Types.BOOLEAN()"}


def _undeclared_key(k):
    """What to write instead of a dict of undeclared type with key k: PyFlink pickles such a value, which keeps its
    keys; Riffle keeps JSON, whose members are strings, unless a declared Types.MAP says what its keys are
    (_riffle_map_keys)."""
    kt = _KEY_TYPES.get(type(k), "Types.TUPLE([...])" if type(k) is tuple else None)
    if kt is None:
        return "use str keys"
    return (f"PyFlink pickles a value of no declared type and keeps its keys, but Riffle keeps values as JSON: declare "
            f"the dict's type, Types.MAP({kt}, ...), where it is stored or emitted (its state descriptor, output_type or "
            f"OutputTag), and its keys read back as {type(k).__name__}s, or use str keys")


def dumps(v, what):
    """JSON text of a value stored or emitted (tuples become lists), or an error naming what was wrong."""
    global _c_encode
    try:
        if _c_encode is None:
            text = _encode(v)
        else:
            text = _c_encode(v, 0)[0] if _c_single else "".join(_c_encode(v, 0))
        if _changed_key(text) is not None:
            _check_keys(v)
        return text
    except (TypeError, ValueError) as e:
        if _c_encode is not None:
            _c_encode = _c_encoder()
        raise JobValueError(f"{what}: {e} (values must be JSON-compatible: dict with str keys, list, tuple, str, int, float, bool, None)") from None
    except BaseException:
        if _c_encode is not None:
            _c_encode = _c_encoder()
        raise


def key_tuple(key):
    """A key that crossed as a JSON array as the tuple PyFlink hands back (key_by's selector returned a tuple)."""
    return tuple(key_tuple(x) if type(x) is list else x for x in key)
