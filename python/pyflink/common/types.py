# Row: PyFlink's row value (mutable, no tuple); in Riffle it is stored and emitted as the list of its fields (API.md 1b).
from enum import Enum


class RowKind(Enum):
    """A row's change kind in a changelog (PyFlink's; a DataStream job's rows are INSERT)."""
    INSERT = 0
    UPDATE_BEFORE = 1
    UPDATE_AFTER = 2
    DELETE = 3

    def short_string(self):
        return ("+I", "-U", "+U", "-D")[self.value]


def _create_row(fields, values, row_kind=None):
    """A Row of these values and field names (None: positional), as PyFlink's pickling rebuilds one."""
    row = object.__new__(Row)
    d = row.__dict__
    d["_fields"] = fields
    d["_values"] = list(values)
    d["_row_kind"] = RowKind.INSERT if row_kind is None else row_kind
    return row


class Row:
    """PyFlink's Row: a mutable list of values with optional field names (no tuple: Row(1, 2) != (1, 2))."""

    def __init__(self, *args, **kwargs):
        if args and kwargs:
            raise ValueError("Can not use both args and kwargs to create Row")
        d = self.__dict__
        if kwargs:
            # PyFlink sorts named fields by name (Row(user="a", count=3) is Row(count=3, user='a')): the list a job
            # emits here is the field order it has on a Flink cluster.
            names = sorted(kwargs)
            d["_fields"] = names
            d["_values"] = [kwargs[n] for n in names]
        else:
            d["_fields"] = None
            d["_values"] = list(args)
        d["_row_kind"] = RowKind.INSERT

    def get_row_kind(self):
        return self._row_kind

    def set_row_kind(self, row_kind):
        self._row_kind = row_kind

    def set_field_names(self, field_names):
        self._fields = list(field_names)

    def get_fields_by_names(self, names):
        """The values of these fields, in this order (how PyFlink's row serializer reads a Row of a declared type)."""
        fields = self._fields
        if fields is None or list(names) == fields:
            return self._values
        missing = [n for n in names if n not in fields]
        if missing:
            raise Exception(f"Field names {missing} not exist in {fields}.")
        return [self._values[fields.index(n)] for n in names]

    def as_dict(self, recursive=False):
        if self._fields is None:
            raise TypeError("Cannot convert a Row class into dict")
        if not recursive:
            return dict(zip(self._fields, self._values))

        def conv(v):
            if isinstance(v, Row):
                return v.as_dict(True) if v._fields is not None else list(v)
            if isinstance(v, list):
                return [conv(x) for x in v]
            if isinstance(v, dict):
                return {k: conv(x) for k, x in v.items()}
            return v
        return {n: conv(v) for n, v in zip(self._fields, self._values)}

    def _index(self, name):
        fields = self._fields
        if fields is None:
            raise KeyError(name)
        if name not in fields:
            raise ValueError(name)  # PyFlink's: its fields' list.index fails
        return fields.index(name)

    # row[0], row[1:], row["name"]; and assigned as PyFlink's Row is: current[1] += 1, row["count"] = 3.
    def __getitem__(self, item):
        if isinstance(item, (int, slice)):
            return self._values[item]
        return self._values[self._index(item)]

    def __setitem__(self, key, value):
        if isinstance(key, (int, slice)):
            self._values[key] = value
        else:
            self._values[self._index(key)] = value

    def __getattr__(self, name):
        # Only for what is no attribute: a field (row.count and row.index too, as a Row is no tuple).
        if name.startswith("_"):
            raise AttributeError(name)
        fields = self.__dict__.get("_fields")
        if fields is not None and name in fields:
            return self._values[fields.index(name)]
        raise AttributeError(name)

    def __setattr__(self, key, value):
        # As PyFlink's: a field is assigned as row["name"] = v, not as an attribute.
        if key not in ("_fields", "_values", "_row_kind", "_from_dict"):
            raise AttributeError(key)
        self.__dict__[key] = value

    def __call__(self, *values):
        # Person = Row("name", "age"); Person("Alice", 11): a row class with those field names.
        if len(values) > len(self):
            raise ValueError(f"Can not create Row with fields {self!r}, expected {len(self)} values but got {values!r}")
        return _create_row(list(self._values), values, self._row_kind)

    def __reduce__(self):
        return _create_row, (self._fields, tuple(self._values), self._row_kind)

    def __contains__(self, item):
        return item in self._values

    def __iter__(self):
        return iter(self._values)

    def __len__(self):
        return len(self._values)

    def __eq__(self, other):
        if not isinstance(other, Row):
            return False
        return (self._fields == other._fields and self._row_kind == other._row_kind
                and self._values == other._values and type(self) is type(other))

    def __hash__(self):
        return hash(tuple(self._values))

    def __repr__(self):
        if self._fields is not None:
            return "Row(%s)" % ", ".join(f"{n}={v!r}" for n, v in zip(self._fields, self._values))
        return "<Row(%s)>" % ", ".join(repr(v) for v in self._values)
