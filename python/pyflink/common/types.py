# Row: PyFlink's row value; in Riffle it is stored and emitted as the list of its fields (API.md 1b).
from enum import Enum


class RowKind(Enum):
    """A row's change kind in a changelog (PyFlink's; a DataStream job's rows are INSERT)."""
    INSERT = 0
    UPDATE_BEFORE = 1
    UPDATE_AFTER = 2
    DELETE = 3

    def short_string(self):
        return ("+I", "-U", "+U", "-D")[self.value]


class Row(tuple):
    def __new__(cls, *values, **named):
        if named and values:
            raise TypeError("Row takes positional or named fields, not both")
        # PyFlink sorts named fields by name (Row(user="a", count=3) is Row(count=3, user='a')): the list a job
        # emits here is the field order it has on a Flink cluster.
        names = tuple(sorted(named)) if named else None
        row = super().__new__(cls, tuple(named[n] for n in names) if named else values)
        row._names = names
        return row

    def get_row_kind(self):
        return self.__dict__.get("_row_kind", RowKind.INSERT)

    def set_row_kind(self, row_kind):
        self._row_kind = row_kind

    def set_field_names(self, field_names):
        self._names = tuple(field_names)

    def as_dict(self, recursive=False):
        if self._names is None:
            raise TypeError("this Row has no field names")
        if not recursive:
            return dict(zip(self._names, self))

        def conv(v):
            if isinstance(v, Row):
                return v.as_dict(True) if v._names is not None else list(v)
            if isinstance(v, list):
                return [conv(x) for x in v]
            if isinstance(v, dict):
                return {k: conv(x) for k, x in v.items()}
            return v
        return {n: conv(v) for n, v in zip(self._names, self)}

    def __getitem__(self, item):
        # row["name"], as PyFlink's Row reads a named field (row[0] and slices as a tuple's).
        if isinstance(item, str):
            names = self._names
            if names is None or item not in names:
                raise KeyError(item)
            return tuple.__getitem__(self, names.index(item))
        return tuple.__getitem__(self, item)

    def __getattribute__(self, name):
        # row.count and row.index are fields when the row has them (PyFlink's Row is no tuple: it has no such methods).
        if name == "count" or name == "index":
            names = tuple.__getattribute__(self, "_names")
            if names is not None and name in names:
                return tuple.__getitem__(self, names.index(name))
        return tuple.__getattribute__(self, name)

    def __getattr__(self, name):
        names = object.__getattribute__(self, "_names")
        if names is not None and name in names:
            return self[names.index(name)]
        raise AttributeError(name)

    def __call__(self, *values):
        # Person = Row("name", "age"); Person("Alice", 11): a row class with those field names.
        if len(values) > len(self):
            raise ValueError(f"Can not create Row with fields {self!r}, expected {len(self)} values but got {values!r}")
        row = tuple.__new__(Row, values)
        row._names = tuple(self)
        return row

    def __repr__(self):
        if self._names is not None:
            return "Row(%s)" % ", ".join(f"{n}={v!r}" for n, v in zip(self._names, self))
        return "<Row(%s)>" % ", ".join(repr(v) for v in self)
