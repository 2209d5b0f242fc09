# One deep walk over the job's values, shared by the two that copy them (as engine/runtime/object-copy.ts's ObjectCopier
# is for a TypeScript job): time travel's snapshots of the job's fields (_riffle_fields.py: handles, functions and modules
# kept as they are) and a debugger expression's `self` (_riffle_self.py: a handle reads the key's state, a function runs
# over the read-only view). Each says, through its hooks, what takes a value's place; the walk itself copies dicts, lists,
# tuples, sets and frozensets at any depth, once per object (shared references stay shared, cycles end).

# What `leave` returns for a value the walk should copy as usual.
COPY = object()

_CONTAINERS = (dict, list, tuple, set, frozenset)


class Walk:
    """A deep copy with hooks. `leave(v, path)`: asked first for every value, what to put in its place (a handle's
    stand-in, the value itself), or COPY. `other(v, path, walk)`: the copy of a value that is no dict, list, tuple, set
    or frozenset (copy.deepcopy's, with walk.memo, or one that copies what v holds by walk.copy). `hashed(k)`, if given:
    asked for each dict key and set member before the copy hashes it (it may raise to refuse the container). `path`
    names the value as the job's code would (self.by_name['x']), for the hooks' messages; with `paths` False it is None
    throughout (a snapshot's copy names nothing: no repr per key). A copy that raises leaves no half-built container in
    the memo (another field holding the same dict must not get the part copied before the error)."""

    def __init__(self, leave, other, memo=None, paths=True, hashed=None):
        self.leave = leave
        self.other = other
        self.memo = {} if memo is None else memo
        self.paths = paths
        self.hashed = hashed

    def _at(self, path, i):
        return f"{path}[{i!r}]" if self.paths else None

    def copy(self, v, path):
        left = self.leave(v, path)
        if left is not COPY:
            return left
        memo = self.memo
        done = memo.get(id(v))
        if done is not None:
            return done
        t = type(v)
        if t not in _CONTAINERS:
            return self.other(v, path, self)
        hashed = self.hashed
        if hashed is not None and (t is dict or t is set or t is frozenset):
            for k in v:
                hashed(k)
        if t is dict:
            out = {}
            memo[id(v)] = out
            try:
                for k, x in v.items():
                    out[self.copy(k, path)] = self.copy(x, self._at(path, k))
            except BaseException:
                del memo[id(v)]
                raise
            return out
        if t is list:
            out = []
            memo[id(v)] = out
            try:
                out.extend(self.copy(x, self._at(path, i)) for i, x in enumerate(v))
            except BaseException:
                del memo[id(v)]
                raise
            return out
        # Immutable ones are made whole from their copied items (a tuple holding itself cannot be).
        return t(self.copy(x, self._at(path, i)) for i, x in enumerate(v))
