# Stub of pyflink.common.types (PyFlink 2.x). Source: flink-python/pyflink/common/types.py (Row, RowKind).
from enum import Enum

__all__ = ['Row', 'RowKind']


class RowKind(Enum):
    INSERT = 0
    UPDATE_BEFORE = 1
    UPDATE_AFTER = 2
    DELETE = 3


class Row(object):
    # As PyFlink's: an object (not a tuple: json cannot write it), iterable over its values, named fields sorted.
    def __init__(self, *args, **kwargs):
        if args and kwargs:
            raise ValueError("Can not use both args and kwargs to create Row")
        if kwargs:
            self._fields = sorted(kwargs.keys())
            self._values = [kwargs[n] for n in self._fields]
        else:
            self._values = list(args)

    def __iter__(self):
        return iter(self._values)

    def __len__(self):
        return len(self._values)
