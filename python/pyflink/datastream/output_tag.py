# OutputTag: a named side output; `yield tag, value` emits to it (pyflink.datastream.output_tag).
from _riffle_typed import encoder


class OutputTag:
    def __init__(self, tag_id, type_info=None):
        if not isinstance(tag_id, str) or tag_id == "":
            raise TypeError("OutputTag id must be a non-empty string (SO1)")
        self.tag_id = tag_id
        self.type_info = type_info
        self._js = None
        # What a value yielded to it is laid out by (a Row in its declared field order), or None (_riffle_typed).
        self._encode = encoder(type_info, f"the value yielded to OutputTag({tag_id!r})")

    def _to_js(self, api):
        if self._js is None:
            self._js = api.OutputTag.new(self.tag_id)
        return self._js

    def __eq__(self, other):
        return isinstance(other, OutputTag) and other.tag_id == self.tag_id

    def __hash__(self):
        return hash(self.tag_id)

    def __repr__(self):
        return f"OutputTag({self.tag_id!r})"
