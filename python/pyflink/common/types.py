# Row: PyFlink's row value; in Riffle it is stored and emitted as the list of its fields (API.md 1b).


class Row(tuple):
    def __new__(cls, *values, **named):
        if named and values:
            raise TypeError("Row takes positional or named fields, not both")
        row = super().__new__(cls, tuple(named.values()) if named else values)
        row._names = tuple(named) if named else None
        return row

    def as_dict(self, recursive=False):
        if self._names is None:
            raise TypeError("this Row has no field names")
        return dict(zip(self._names, self))

    def __getattr__(self, name):
        names = object.__getattribute__(self, "_names")
        if names is not None and name in names:
            return self[names.index(name)]
        raise AttributeError(name)
