# Stub of pyflink.datastream.connectors.base (PyFlink 2.x). Source: flink-python/pyflink/datastream/connectors/base.py.
__all__ = ['Source', 'Sink']


class Source(object):
    def __init__(self, source):
        self._j_source = source


class Sink(object):
    def __init__(self, sink):
        self._j_sink = sink
