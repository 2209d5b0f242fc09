# Stub of pyflink.common.typeinfo (PyFlink 2.x). Source: flink-python/pyflink/common/typeinfo.py (class Types:
# static factories returning TypeInformation; LIST(element_type_info), MAP(key_type_info, value_type_info)).
from pyflink._riffle_stub import require

__all__ = ['TypeInformation', 'Types']


class TypeInformation(object):
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


class Types(object):
    @staticmethod
    def STRING() -> TypeInformation:
        return TypeInformation("STRING")

    @staticmethod
    def BYTE() -> TypeInformation:
        return TypeInformation("BYTE")

    @staticmethod
    def BOOLEAN() -> TypeInformation:
        return TypeInformation("BOOLEAN")

    @staticmethod
    def SHORT() -> TypeInformation:
        return TypeInformation("SHORT")

    @staticmethod
    def INT() -> TypeInformation:
        return TypeInformation("INT")

    @staticmethod
    def LONG() -> TypeInformation:
        return TypeInformation("LONG")

    @staticmethod
    def FLOAT() -> TypeInformation:
        return TypeInformation("FLOAT")

    @staticmethod
    def DOUBLE() -> TypeInformation:
        return TypeInformation("DOUBLE")

    @staticmethod
    def CHAR() -> TypeInformation:
        return TypeInformation("CHAR")

    @staticmethod
    def PICKLED_BYTE_ARRAY() -> TypeInformation:
        return TypeInformation("PICKLED_BYTE_ARRAY")

    @staticmethod
    def ROW(field_types):
        return TypeInformation("ROW")

    @staticmethod
    def ROW_NAMED(field_names, field_types):
        return TypeInformation("ROW_NAMED")

    @staticmethod
    def TUPLE(field_types):
        return TypeInformation("TUPLE")

    @staticmethod
    def MAP(key_type_info: TypeInformation, value_type_info: TypeInformation) -> TypeInformation:
        require(key_type_info, TypeInformation, "key_type_info")
        require(value_type_info, TypeInformation, "value_type_info")
        return TypeInformation("MAP")

    @staticmethod
    def LIST(element_type_info: TypeInformation) -> TypeInformation:
        require(element_type_info, TypeInformation, "element_type_info")
        return TypeInformation("LIST")
