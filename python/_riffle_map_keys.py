# A declared Types.MAP's keys in the engine's JSON: PyFlink's map coder encodes each key with its key type's coder, so a
# dict with int keys (Types.MAP(Types.LONG(), ...)), float, bool or tuple keys works there and reads back so; a JSON
# object's members are strings. Where the key type is not a string (nor Types.PICKLED_BYTE_ARRAY() or a Types.ROW()
# without fields, which stand for any JSON), each key is kept as the member named by its JSON text ({9: "a"} is
# {"9": "a"}, {("a", 1): x} is {"[\"a\",1]": x}), and read back by the declared type. The trace writes them the same
# way (debugger/trace/python-typed-text.ts mapKeyType). Used by _riffle_typed's MAP encoder and decoder only.
import json

from _riffle_values import dumps, key_tuple


def keys_as_text(kt):
    """True where a map of key type kt keeps its keys as their JSON text: any key type but a string or any-value one."""
    if kt.name == "STRING" or kt.name == "JSON":
        return False
    return not (kt.name == "ROW" and kt.get_arity() == 0)


def key_writer(kt, enc, what):
    """The function giving a key's member name (its JSON text, laid out by its type's encoder enc, which may be None),
    refusing None (PyFlink's map coder hands a key to its type's coder, which fails on None)."""
    def write(key):
        if key is None:
            raise TypeError(f"{what} (a key) is None, where {kt.written()} keys are declared: PyFlink's map coder has "
                            "no null keys: this would fail on a Flink cluster")
        if type(key) is bool and kt.name in ("LONG", "INT", "SHORT", "BYTE"):
            key = int(key)  # its coder writes True as 1, and 1 comes back
        return dumps(key if enc is None else enc(key), f"{what} (a key)")
    return write


def key_reader(dec):
    """The function giving back a key from its member name, rebuilt by its type's decoder dec (None: as JSON has it, a
    list as a tuple, which a dict key can be). A name that is no JSON text (a dict stored before its type was
    declared) stays the str it is."""
    value = key_value(dec)

    def read(member):
        try:
            key = json.loads(member)
        except ValueError:
            return member
        return value(key)
    return read


def key_value(dec):
    """The function giving back a key from its JSON value (a MapState's key, as the debugger hands it over), rebuilt
    by its type's decoder dec; None: as JSON has it, a list as a tuple (which a dict key can be), and a JSON object,
    which no dict key can be, as its JSON text."""
    if dec is not None:
        return lambda key: key if key is None else dec(key)
    return _plain_key


def _plain_key(key):
    if type(key) is list:
        key = key_tuple(key)
    try:
        hash(key)
    except TypeError:
        return json.dumps(key, separators=(",", ":"), ensure_ascii=False)
    return key
