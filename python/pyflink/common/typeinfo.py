# Types: PyFlink's type information: a label for the inspector, and what a declared type rebuilds a value as when it
# crosses back into Python (values are JSON in the engine; _riffle_typed.py).


class TypeInformation:
    def __init__(self, name, params=()):
        self.name = name
        self.params = tuple(params)

    def _to_js(self, api):
        t = api.Types
        if self.name == "LIST":
            return t.LIST(self.params[0]._to_js(api))
        if self.name == "MAP":
            return t.MAP(self.params[0]._to_js(api), self.params[1]._to_js(api))
        own = getattr(t, self.name, None)
        if own is not None:
            return own
        import _riffle
        return _riffle.js.typeInfo(self.name)  # a label the TypeScript Types has no name for (BYTE, SHORT)

    def __eq__(self, other):
        return isinstance(other, TypeInformation) and (self.name, self.params) == (other.name, other.params)

    def __hash__(self):
        return hash((self.name, self.params))

    def __repr__(self):
        return self.name if not self.params else f"{self.name}({', '.join(map(repr, self.params))})"

    def written(self):
        """The type as a job writes it (Types.LIST(Types.LONG())), for the errors that name it."""
        if self.name == "JSON":
            return "Types.PICKLED_BYTE_ARRAY()"
        return f"Types.{self.name}({', '.join(p.written() for p in self.params)})"


class ListTypeInfo(TypeInformation):
    """Types.LIST and the arrays, one label (LIST) here; `kind` keeps which one was written, as PyFlink's coders
    differ on a None item: a BASIC_ARRAY or OBJECT_ARRAY holds one anywhere, a PRIMITIVE_ARRAY nowhere, a LIST in a
    state (pyflink/fn_execution/coders.py from_type_info: GenericArrayCoder) but not in an operator's output
    (from_type_info_proto: PrimitiveArrayCoder)."""

    def __init__(self, elem, kind="LIST"):
        super().__init__("LIST", [elem])
        self.kind = kind

    def written(self):
        return f"Types.{self.kind}({self.params[0].written()})"


class _ByteTypeInfo(TypeInformation):
    """Types.BYTE(): an 8-bit int (PyFlink's TinyIntCoder), labelled BYTE; a PRIMITIVE_ARRAY of it is bytes."""

    def __init__(self):
        super().__init__("BYTE")


class BytesTypeInfo(TypeInformation):
    """Types.PRIMITIVE_ARRAY(Types.BYTE()): PyFlink's bytes type (fn_execution/coders.py from_type_info gives it a
    BinaryCoder), a bytes value in Python; the engine keeps the list of its byte values (_riffle_typed), labelled
    BYTES in the inspector."""

    def __init__(self):
        super().__init__("BYTES")

    def _to_js(self, api):
        import _riffle
        return _riffle.js.typeInfo("BYTES")

    def written(self):
        return "Types.PRIMITIVE_ARRAY(Types.BYTE())"


def operator_bytes(t):
    """Whether t is a Types.LIST(Types.BYTE()): bytes where an operator, OutputTag or key_type declares it, as PyFlink
    builds those coders from the type's Java form (fn_execution/coders.py from_type_info_proto: a LIST of BYTE is a
    BinaryCoder), a list of ints in a state (from_type_info: a generic array)."""
    return getattr(t, "kind", None) == "LIST" and isinstance(t.params[0], _ByteTypeInfo)


def _primitive_array(t):
    return BytesTypeInfo() if isinstance(t, _ByteTypeInfo) else ListTypeInfo(t, "PRIMITIVE_ARRAY")


class RowTypeInfo(TypeInformation):
    """PyFlink's row type (what Types.ROW and ROW_NAMED give): its fields' types and names, a label here."""

    def __init__(self, field_types, field_names=None):
        super().__init__("ROW")
        self._field_types = list(field_types or [])
        self._field_names = list(field_names) if field_names is not None else [f"f{i}" for i in range(len(self._field_types))]
        if len(self._field_names) != len(self._field_types):
            raise ValueError(f"RowTypeInfo: {len(self._field_names)} field names for {len(self._field_types)} field types")

    def get_field_names(self):
        return list(self._field_names)

    def get_field_types(self):
        return list(self._field_types)

    def get_field_index(self, field_name):
        return self._field_names.index(field_name) if field_name in self._field_names else -1

    def get_arity(self):
        return len(self._field_types)

    def _to_js(self, api):
        # The inspector's label names the fields (ROW<user: STRING, n: INT>): the value it shows is their list.
        if not self._field_types:
            return api.Types.ROW
        import _riffle
        label = _riffle.js.typeInfo
        fields = []
        for n, t in zip(self._field_names, self._field_types):
            f = t._to_js(api)
            params = getattr(f, "params", None)
            fields.append(label(f"{n}: {f.name}", *([] if params is None else params)))
        return label("ROW", *fields)

    def __eq__(self, other):
        return isinstance(other, RowTypeInfo) and (self._field_names, self._field_types) == (other._field_names, other._field_types)

    def __hash__(self):
        return hash(("ROW", tuple(self._field_names), tuple(self._field_types)))

    def __repr__(self):
        return f"RowTypeInfo({', '.join(f'{n}: {t!r}' for n, t in zip(self._field_names, self._field_types))})"

    def written(self):
        types = f"[{', '.join(t.written() for t in self._field_types)}]"
        if self._field_names == [f"f{i}" for i in range(len(self._field_types))]:
            return f"Types.ROW({types})"
        return f"Types.ROW_NAMED({self._field_names!r}, {types})"


class TupleTypeInfo(TypeInformation):
    """PyFlink's tuple type (what Types.TUPLE gives): a value of it comes back a tuple."""

    def __init__(self, types):
        super().__init__("TUPLE", types or [])

    def get_field_types(self):
        return list(self.params)

    def _to_js(self, api):
        import _riffle
        return _riffle.js.typeInfo("TUPLE", *(t._to_js(api) for t in self.params))

    def __repr__(self):
        return f"TupleTypeInfo({', '.join(map(repr, self.params))})"

    def written(self):
        return f"Types.TUPLE([{', '.join(t.written() for t in self.params)}])"


def _simple(name):
    return staticmethod(lambda: TypeInformation(name))


class Types:
    LONG = _simple("LONG")
    INT = _simple("INT")
    SHORT = _simple("SHORT")
    BYTE = staticmethod(_ByteTypeInfo)
    BIG_INT = _simple("LONG")
    DOUBLE = _simple("DOUBLE")
    FLOAT = _simple("FLOAT")
    BIG_DEC = _simple("DOUBLE")
    STRING = _simple("STRING")
    CHAR = _simple("STRING")
    BOOLEAN = _simple("BOOLEAN")
    # Dates and times, labelled as the milliseconds a JSON recording carries them in.
    SQL_DATE = _simple("LONG")
    SQL_TIME = _simple("LONG")
    SQL_TIMESTAMP = _simple("LONG")
    INSTANT = _simple("LONG")
    PICKLED_BYTE_ARRAY = _simple("JSON")
    PRIMITIVE_ARRAY = staticmethod(_primitive_array)
    BASIC_ARRAY = staticmethod(lambda t: ListTypeInfo(t, "BASIC_ARRAY"))
    OBJECT_ARRAY = staticmethod(lambda t: ListTypeInfo(t, "OBJECT_ARRAY"))
    LIST = staticmethod(lambda t: ListTypeInfo(t))
    MAP = staticmethod(lambda k, v: TypeInformation("MAP", [k, v]))
    ROW = staticmethod(lambda field_types=None: RowTypeInfo(field_types))
    ROW_NAMED = staticmethod(lambda field_names=None, field_types=None: RowTypeInfo(field_types, field_names))
    TUPLE = staticmethod(lambda types=None: TupleTypeInfo(types))
