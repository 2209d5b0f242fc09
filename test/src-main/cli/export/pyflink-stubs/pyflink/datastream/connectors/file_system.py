# Stub of pyflink.datastream.connectors.file_system (PyFlink 2.x). Source: flink-python/pyflink/datastream/
# connectors/file_system.py (FileSource.for_record_stream_format(stream_format, *paths) -> FileSourceBuilder;
# StreamFormat.text_line_format(charset_name='UTF-8')).
from pyflink._riffle_stub import record, require
from pyflink.common.time import Duration
from pyflink.datastream.connectors.base import Source

__all__ = ['FileSource', 'FileSourceBuilder', 'StreamFormat']


class StreamFormat(object):
    def __init__(self, kind):
        self.kind = kind

    @staticmethod
    def text_line_format(charset_name: str = "UTF-8") -> 'StreamFormat':
        return StreamFormat("text_line")


class FileSourceBuilder(object):
    def __init__(self, stream_format, paths):
        self.stream_format = stream_format
        self.paths = paths

    def monitor_continuously(self, discovery_interval: Duration) -> 'FileSourceBuilder':
        require(discovery_interval, Duration, "discovery_interval")
        return self

    def process_static_file_set(self) -> 'FileSourceBuilder':
        return self

    def build(self) -> 'FileSource':
        record("FileSourceBuilder.build", {"format": self.stream_format.kind, "paths": list(self.paths)})
        return FileSource(self)


class FileSource(Source):
    def __init__(self, j_file_source):
        super(FileSource, self).__init__(source=j_file_source)

    @staticmethod
    def for_record_stream_format(stream_format: StreamFormat, *paths: str) -> FileSourceBuilder:
        require(stream_format, StreamFormat, "stream_format")
        for p in paths:
            require(p, str, "path")
        return FileSourceBuilder(stream_format, paths)
