# Stub of pyflink.datastream (PyFlink 2.x): the entry names a job and riffle export's main import from it.
# Source: flink-python/pyflink/datastream/__init__.py (__all__ lists these among others).
from pyflink.datastream.data_stream import DataStream, KeyedStream
from pyflink.datastream.functions import (AggregateFunction, FilterFunction, FlatMapFunction, KeyedProcessFunction,
                                          KeySelector, MapFunction, ProcessFunction, ReduceFunction, RuntimeContext)
from pyflink.datastream.output_tag import OutputTag
from pyflink.datastream.stream_execution_environment import StreamExecutionEnvironment
from pyflink.datastream.time_domain import TimeDomain
from pyflink.datastream.timerservice import TimerService

__all__ = ['DataStream', 'KeyedStream', 'AggregateFunction', 'FilterFunction', 'FlatMapFunction',
           'KeyedProcessFunction', 'KeySelector', 'MapFunction', 'ProcessFunction', 'ReduceFunction',
           'RuntimeContext', 'OutputTag', 'StreamExecutionEnvironment', 'TimeDomain', 'TimerService']
