# Stub of pyflink.datastream.data_stream (PyFlink 2.x). Source: flink-python/pyflink/datastream/data_stream.py
# (DataStream.map(func, output_type=None), flat_map, filter, key_by(key_selector, key_type=None),
# assign_timestamps_and_watermarks(watermark_strategy), process(func, output_type=None), name, uid,
# get_side_output(output_tag), print(sink_identifier=None); KeyedStream.process requires a KeyedProcessFunction).
from typing import Callable, Union

from pyflink._riffle_stub import record, require
from pyflink.common.typeinfo import TypeInformation
from pyflink.common.watermark_strategy import WatermarkStrategy
from pyflink.datastream.functions import (FilterFunction, FlatMapFunction, KeyedProcessFunction, KeySelector,
                                          MapFunction, ProcessFunction)
from pyflink.datastream.output_tag import OutputTag

__all__ = ['DataStream', 'KeyedStream']


def _function(func, kind, what):
    if not isinstance(func, kind) and not callable(func):
        raise TypeError("The input must be a %s or a callable function" % what)


def _output_type(output_type):
    if output_type is not None:
        require(output_type, TypeInformation, "output_type")


class DataStream(object):
    def __init__(self, origin):
        self.origin = origin

    def name(self, name: str) -> 'DataStream':
        require(name, str, "name")
        record("DataStream.name", name)
        return self

    def uid(self, uid: str) -> 'DataStream':
        require(uid, str, "uid")
        record("DataStream.uid", uid)
        return self

    def set_parallelism(self, parallelism: int) -> 'DataStream':
        return self

    def map(self, func: Union[Callable, MapFunction], output_type: TypeInformation = None) -> 'DataStream':
        _function(func, MapFunction, "MapFunction")
        _output_type(output_type)
        record("DataStream.map", getattr(func, "__name__", type(func).__name__))
        return DataStream("map")

    def flat_map(self, func, output_type: TypeInformation = None) -> 'DataStream':
        _function(func, FlatMapFunction, "FlatMapFunction")
        _output_type(output_type)
        record("DataStream.flat_map", getattr(func, "__name__", type(func).__name__))
        return DataStream("flat_map")

    def filter(self, func: Union[Callable, FilterFunction]) -> 'DataStream':
        _function(func, FilterFunction, "FilterFunction")
        record("DataStream.filter", getattr(func, "__name__", type(func).__name__))
        return DataStream("filter")

    def key_by(self, key_selector: Union[Callable, KeySelector], key_type: TypeInformation = None) -> 'KeyedStream':
        _function(key_selector, KeySelector, "KeySelector")
        _output_type(key_type)
        record("DataStream.key_by")
        return KeyedStream("key_by")

    def assign_timestamps_and_watermarks(self, watermark_strategy: WatermarkStrategy) -> 'DataStream':
        require(watermark_strategy, WatermarkStrategy, "watermark_strategy")
        record("DataStream.assign_timestamps_and_watermarks", watermark_strategy.kind)
        return DataStream("timestamps")

    def process(self, func: ProcessFunction, output_type: TypeInformation = None) -> 'DataStream':
        require(func, ProcessFunction, "func")
        _output_type(output_type)
        record("DataStream.process", type(func).__name__)
        return DataStream("process")

    def get_side_output(self, output_tag: OutputTag) -> 'DataStream':
        require(output_tag, OutputTag, "output_tag")
        record("DataStream.get_side_output", output_tag.tag_id)
        return DataStream("side output")

    def print(self, sink_identifier: str = None):
        record("DataStream.print")


class KeyedStream(DataStream):
    def process(self, func: KeyedProcessFunction, output_type: TypeInformation = None) -> 'DataStream':
        if not isinstance(func, KeyedProcessFunction):
            raise TypeError("KeyedProcessFunction is required for KeyedStream.")
        _output_type(output_type)
        record("KeyedStream.process", type(func).__name__)
        return DataStream("keyed process")
