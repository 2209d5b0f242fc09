# Stub of pyflink.datastream.connectors.kafka (PyFlink 2.x). Source: the KafkaSource names and signatures of
# flink-python/pyflink/datastream/connectors/kafka_new.py at apache/flink commit
# 82a6727fd63891dd47f16f36424062da132b7d7c (the same as kafka.py's KafkaSource part).
from enum import Enum

from pyflink._riffle_stub import record, require
from pyflink.common.serialization import DeserializationSchema
from pyflink.datastream.connectors.base import Source

__all__ = ['KafkaOffsetResetStrategy', 'KafkaOffsetsInitializer', 'KafkaSource', 'KafkaSourceBuilder',
           'KafkaTopicPartition']


class KafkaSource(Source):
    def __init__(self, j_kafka_source):
        super().__init__(j_kafka_source)

    @staticmethod
    def builder() -> 'KafkaSourceBuilder':
        return KafkaSourceBuilder()


class KafkaSourceBuilder(object):
    def __init__(self):
        self.values = {}

    def build(self) -> 'KafkaSource':
        for required in ('bootstrap_servers', 'topics', 'value_only_deserializer'):
            if required not in self.values:
                raise ValueError("KafkaSource needs %s" % required)
        record("KafkaSourceBuilder.build", self.values)
        return KafkaSource(self.values)

    def set_bootstrap_servers(self, bootstrap_servers: str) -> 'KafkaSourceBuilder':
        require(bootstrap_servers, str, "bootstrap_servers")
        self.values['bootstrap_servers'] = bootstrap_servers
        return self

    def set_group_id(self, group_id: str) -> 'KafkaSourceBuilder':
        require(group_id, str, "group_id")
        self.values['group_id'] = group_id
        return self

    def set_topics(self, *topics: str) -> 'KafkaSourceBuilder':
        for t in topics:
            require(t, str, "topic")
        self.values['topics'] = list(topics)
        return self

    def set_topic_pattern(self, topic_pattern: str) -> 'KafkaSourceBuilder':
        self.values['topics'] = topic_pattern
        return self

    def set_starting_offsets(self, starting_offsets_initializer: 'KafkaOffsetsInitializer') -> 'KafkaSourceBuilder':
        require(starting_offsets_initializer, KafkaOffsetsInitializer, "starting_offsets_initializer")
        self.values['starting_offsets'] = starting_offsets_initializer.kind
        return self

    def set_unbounded(self, stopping_offsets_initializer: 'KafkaOffsetsInitializer') -> 'KafkaSourceBuilder':
        return self

    def set_bounded(self, stopping_offsets_initializer: 'KafkaOffsetsInitializer') -> 'KafkaSourceBuilder':
        return self

    def set_value_only_deserializer(self, deserialization_schema: DeserializationSchema) -> 'KafkaSourceBuilder':
        require(deserialization_schema, DeserializationSchema, "deserialization_schema")
        self.values['value_only_deserializer'] = type(deserialization_schema).__name__
        return self

    def set_client_id_prefix(self, prefix: str) -> 'KafkaSourceBuilder':
        return self

    def set_property(self, key: str, value: str) -> 'KafkaSourceBuilder':
        return self


class KafkaTopicPartition(object):
    def __init__(self, topic: str, partition: int):
        self._topic = topic
        self._partition = partition


class KafkaOffsetResetStrategy(Enum):
    LATEST = 0
    EARLIEST = 1
    NONE = 2


class KafkaOffsetsInitializer(object):
    def __init__(self, kind):
        self.kind = kind

    @staticmethod
    def committed_offsets(offset_reset_strategy: KafkaOffsetResetStrategy = KafkaOffsetResetStrategy.NONE):
        return KafkaOffsetsInitializer("committed")

    @staticmethod
    def timestamp(timestamp: int):
        return KafkaOffsetsInitializer("timestamp")

    @staticmethod
    def earliest():
        return KafkaOffsetsInitializer("earliest")

    @staticmethod
    def latest():
        return KafkaOffsetsInitializer("latest")

    @staticmethod
    def offsets(offsets, offset_reset_strategy: KafkaOffsetResetStrategy = KafkaOffsetResetStrategy.EARLIEST):
        return KafkaOffsetsInitializer("offsets")
