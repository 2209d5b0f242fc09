# State backends are chosen in Riffle's app or with `riffle run --backend heap|leveldb`; these names are accepted
# so code that builds them still imports, and have no effect here.


class HashMapStateBackend:
    def __init__(self, *args, **kwargs):
        pass


class EmbeddedRocksDBStateBackend:
    def __init__(self, *args, **kwargs):
        pass
