# Which of a Python job's record functions (key selectors, timestamp assigners) are pure functions of their
# arguments, read from their bytecode: those may run ahead of their step for a block of records in one crossing
# (_riffle.prefetch_proxy), and one that only returns record["name"] lets `--parallelism N` route each line by
# reading that field in its JSON text. No state: imported by _riffle.


# What a pure record function may do (pure(), for prefetch_proxy): read its arguments and locals and constants,
# compute with operators, branch forward. No call, attribute, global or closure variable: on a record (JSON values:
# dict, list, str, int, float, bool, None) each of these ops runs no user code and changes nothing.
_PURE_OPS = frozenset({
    "RESUME", "NOP", "CACHE", "NOT_TAKEN", "LOAD_FAST", "LOAD_FAST_BORROW", "LOAD_FAST_CHECK", "LOAD_FAST_LOAD_FAST",
    "LOAD_FAST_BORROW_LOAD_FAST_BORROW", "STORE_FAST", "STORE_FAST_LOAD_FAST", "STORE_FAST_STORE_FAST", "LOAD_CONST",
    "LOAD_SMALL_INT", "RETURN_VALUE", "RETURN_CONST", "POP_TOP", "COPY", "SWAP", "BINARY_OP", "BINARY_SUBSCR",
    "COMPARE_OP", "IS_OP", "CONTAINS_OP", "UNARY_NEGATIVE", "UNARY_NOT", "TO_BOOL", "POP_JUMP_IF_FALSE",
    "POP_JUMP_IF_TRUE", "POP_JUMP_IF_NONE", "POP_JUMP_IF_NOT_NONE", "JUMP_FORWARD", "BUILD_TUPLE", "FORMAT_SIMPLE",
    "BUILD_STRING",
})
# Operators whose cost grows with the values (a record's number as an exponent or shift): not run ahead.
_COSTLY_BINARY = frozenset({"**", "**=", "<<", "<<="})
_CO_GENERATOR_LIKE = 0x20 | 0x80 | 0x100 | 0x200  # generator, coroutine, iterable coroutine, async generator


def pure(fn, args):
    """True when fn(record) (or fn(record, previous_timestamp), args=2) is a pure function of its arguments: a
    plain function or a bound method that does not use self, taking exactly `args` positional arguments without
    defaults, and only the ops of _PURE_OPS. Running it early, for a later record, is then the same as running
    it at its step."""
    import dis
    f = getattr(fn, "__func__", fn)
    code = getattr(f, "__code__", None)
    if code is None or type(f).__name__ != "function" or f.__defaults__ or f.__kwdefaults__:
        return False
    bound = f is not fn
    if getattr(fn, "__self__", None) is None and bound:
        return False
    if code.co_flags & (_CO_GENERATOR_LIKE | 0x04 | 0x08) or code.co_argcount != args + bound or code.co_kwonlyargcount:
        return False
    self_name = code.co_varnames[0] if bound else None
    for ins in dis.get_instructions(code):
        if ins.opname not in _PURE_OPS:
            return False
        if ins.opname == "BINARY_OP" and ins.argrepr in _COSTLY_BINARY:
            return False
        if self_name is not None and ins.opname.startswith("LOAD_FAST"):
            names = ins.argval if isinstance(ins.argval, tuple) else (ins.argval,)
            if self_name in names:
                return False
    return True


def plain_read(fn, args):
    """The property name when fn(record) (or fn(record, previous_timestamp), args=2) only returns record["name"] for a
    str constant, else None: then `riffle run --parallelism N` may find the key or timestamp in each line's JSON text
    and send the record to its subtask only (engine/runtime/route-shape.ts), as for a TypeScript `(e) => e.name`."""
    if not pure(fn, args):
        return None
    import dis
    f = getattr(fn, "__func__", fn)
    record = f.__code__.co_varnames[1 if f is not fn else 0]
    ops = [i for i in dis.get_instructions(f.__code__) if i.opname not in ("RESUME", "NOP", "CACHE")]
    if len(ops) != 4:
        return None
    load, const, subscript, ret = ops
    if not load.opname.startswith("LOAD_FAST") or load.argval != record:
        return None
    if const.opname != "LOAD_CONST" or type(const.argval) is not str:
        return None
    if not (subscript.opname == "BINARY_SUBSCR" or (subscript.opname == "BINARY_OP" and subscript.argrepr == "[]")):
        return None
    return const.argval if ret.opname == "RETURN_VALUE" else None
