# Stub of pyflink.datastream.stream_execution_environment (PyFlink 2.x). Source: flink-python/pyflink/datastream/
# stream_execution_environment.py (get_execution_environment(configuration=None), from_source(source,
# watermark_strategy, source_name, type_info=None), execute(job_name=None), set_parallelism, add_jars).
from pyflink._riffle_stub import record, require
from pyflink.common.typeinfo import TypeInformation
from pyflink.common.watermark_strategy import WatermarkStrategy
from pyflink.datastream.connectors.base import Source
from pyflink.datastream.data_stream import DataStream

__all__ = ['StreamExecutionEnvironment']


class StreamExecutionEnvironment(object):
    @staticmethod
    def get_execution_environment(configuration=None) -> 'StreamExecutionEnvironment':
        record("StreamExecutionEnvironment.get_execution_environment")
        return StreamExecutionEnvironment()

    def set_parallelism(self, parallelism: int) -> 'StreamExecutionEnvironment':
        return self

    def add_jars(self, *jars_path: str):
        pass

    def from_source(self, source: Source, watermark_strategy: WatermarkStrategy, source_name: str,
                    type_info: TypeInformation = None) -> DataStream:
        require(source, Source, "source")
        require(watermark_strategy, WatermarkStrategy, "watermark_strategy")
        require(source_name, str, "source_name")
        record("StreamExecutionEnvironment.from_source", [type(source).__name__, watermark_strategy.kind, source_name])
        return DataStream("source")

    def execute(self, job_name: str = None):
        record("StreamExecutionEnvironment.execute", job_name)
