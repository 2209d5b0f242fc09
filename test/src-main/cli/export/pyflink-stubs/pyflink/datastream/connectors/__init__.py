# Stub of pyflink.datastream.connectors (PyFlink 2.x). Source: flink-python/pyflink/datastream/connectors/__init__.py.
from pyflink.datastream.connectors.base import Sink, Source

__all__ = ['Sink', 'Source']
