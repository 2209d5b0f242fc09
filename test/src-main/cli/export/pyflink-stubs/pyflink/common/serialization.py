# Stub of pyflink.common.serialization (PyFlink 2.x). Source: flink-python/pyflink/common/serialization.py
# (SerializationSchema, DeserializationSchema, SimpleStringSchema(charset='UTF-8')).
__all__ = ['SerializationSchema', 'DeserializationSchema', 'SimpleStringSchema']


class SerializationSchema(object):
    pass


class DeserializationSchema(object):
    pass


class SimpleStringSchema(SerializationSchema, DeserializationSchema):
    def __init__(self, charset: str = 'UTF-8'):
        self.charset = charset
