# Stub of pyflink.datastream.output_tag (PyFlink 2.x). Source: flink-python/pyflink/datastream/output_tag.py at
# apache/flink commit 1d78a4e6335b1931e182c0f9f47f53d50661e77f.
from pyflink.common.typeinfo import TypeInformation, Types


class OutputTag(object):
    def __init__(self, tag_id: str, type_info: TypeInformation = None):
        if not tag_id:
            raise ValueError("OutputTag tag_id cannot be None or empty string")
        self.tag_id = tag_id
        self.type_info = Types.PICKLED_BYTE_ARRAY() if type_info is None else type_info
