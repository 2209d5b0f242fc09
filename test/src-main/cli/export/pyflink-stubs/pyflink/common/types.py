# Stub of pyflink.common.types (PyFlink 2.x). Source: flink-python/pyflink/common/types.py (Row, RowKind).
from enum import Enum

__all__ = ['Row', 'RowKind']


class RowKind(Enum):
    INSERT = 0
    UPDATE_BEFORE = 1
    UPDATE_AFTER = 2
    DELETE = 3


class Row(tuple):
    def __new__(cls, *args, **kwargs):
        return tuple.__new__(cls, args if not kwargs else tuple(kwargs.values()))
