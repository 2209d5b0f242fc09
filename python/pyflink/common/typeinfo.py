# Types: PyFlink's type information, kept only as a label for the inspector (values are JSON in Riffle).


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
        return getattr(t, self.name)

    def __eq__(self, other):
        return isinstance(other, TypeInformation) and (self.name, self.params) == (other.name, other.params)

    def __hash__(self):
        return hash((self.name, self.params))

    def __repr__(self):
        return self.name if not self.params else f"{self.name}({', '.join(map(repr, self.params))})"


def _simple(name):
    return staticmethod(lambda: TypeInformation(name))


class Types:
    LONG = _simple("LONG")
    INT = _simple("INT")
    SHORT = _simple("INT")
    BYTE = _simple("INT")
    BIG_INT = _simple("LONG")
    DOUBLE = _simple("DOUBLE")
    FLOAT = _simple("FLOAT")
    BIG_DEC = _simple("DOUBLE")
    STRING = _simple("STRING")
    CHAR = _simple("STRING")
    BOOLEAN = _simple("BOOLEAN")
    SQL_TIMESTAMP = _simple("LONG")
    PICKLED_BYTE_ARRAY = _simple("JSON")
    PRIMITIVE_ARRAY = staticmethod(lambda t: TypeInformation("LIST", [t]))
    BASIC_ARRAY = staticmethod(lambda t: TypeInformation("LIST", [t]))
    OBJECT_ARRAY = staticmethod(lambda t: TypeInformation("LIST", [t]))
    LIST = staticmethod(lambda t: TypeInformation("LIST", [t]))
    MAP = staticmethod(lambda k, v: TypeInformation("MAP", [k, v]))
    ROW = staticmethod(lambda types=None: TypeInformation("ROW"))
    ROW_NAMED = staticmethod(lambda names=None, types=None: TypeInformation("ROW"))
    TUPLE = staticmethod(lambda types=None: TypeInformation("ROW"))
