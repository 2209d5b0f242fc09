# pyflink.datastream: streams, functions, state, timers and side outputs.
from pyflink.datastream.data_stream import DataStream, KeyedStream
from pyflink.datastream.functions import (AggregateFunction, FilterFunction, FlatMapFunction, KeyedProcessFunction,
                                          KeySelector, MapFunction, ProcessFunction, ReduceFunction, RuntimeContext)
from pyflink.datastream.output_tag import OutputTag
from pyflink.datastream.state import StateTtlConfig
from pyflink.datastream.time_domain import TimeDomain
from pyflink.datastream.timerservice import TimerService

__all__ = ["DataStream", "KeyedStream", "AggregateFunction", "FilterFunction", "FlatMapFunction", "KeyedProcessFunction",
           "KeySelector", "MapFunction", "ProcessFunction", "ReduceFunction", "RuntimeContext", "OutputTag",
           "StateTtlConfig", "TimeDomain", "TimerService"]
