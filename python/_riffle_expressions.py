# Breakpoint conditions and log messages of a Python job (sandbox/python/python-expression.ts): Python expressions
# over event, key and the state names, compiled once and evaluated at each hit over the context the engine hands over.
import json

import _riffle_values
from _riffle_typed import rebuild_state

_expressions = []


def compile_expression(src):
    """An id for the compiled expression, or the reason it does not compile (as JSON text)."""
    text = src.strip()
    try:
        code = compile(text, "<breakpoint>", "eval")
    except SyntaxError as e:
        return json.dumps({"error": _compile_error(text, e)})
    _expressions.append(code)
    return json.dumps({"id": len(_expressions) - 1})


def _compile_error(text, e):
    """Where and why, in the expression as typed: one that ends too early says so (Python's "invalid syntax" there
    names no place the user can see), another names its column (and line, for a multi-line one)."""
    lines = text.split("\n")
    line, offset = e.lineno or len(lines), e.offset or 0
    # Python points past the text (or at offset 0 of its end marker) when the expression stops too early.
    if line > len(lines) or (line == len(lines) and (offset == 0 or offset > len(lines[-1]))):
        return f"expression does not compile: it ends unfinished after {json.dumps(text, ensure_ascii=False)}"
    where = f" at column {offset}" if len(lines) == 1 else f" at line {line}, column {offset}"
    return f"expression does not compile{where}: {e.msg}"


def eval_expression(i, context_text, condition):
    """[ok, value]: a condition's truth (Python's), or a log value as the job would print it (a str as it is, else
    its repr: 3.0, None, {'a': 1}, not JSON's 3, null, {"a":1}), or the error."""
    context = _riffle_values.loads(context_text)
    text = context.pop("eventText", None)
    if text is not None:
        # The record as the job decoded it (its line: 3.0 a float), not JavaScript's parse of it (3).
        context["event"] = json.loads(text)
        if type(context.get("input")) is dict:
            context["input"]["value"] = json.loads(text)
    scope = dict(context.get("state") or {})
    rebuild_state(scope)  # a Row state as a Row, a DOUBLE as a float, as the job's value() reads them (not event, key)
    scope.update({k: v for k, v in context.items() if k != "state" or v is not None})
    if type(scope.get("key")) is list:
        scope["key"] = _riffle_values.key_tuple(scope["key"])  # as ctx.get_current_key() gives it: key == ("a", "click") holds
    try:
        v = eval(_expressions[i], {"__builtins__": __builtins__}, scope)
    except Exception as e:
        return json.dumps([False, f"{type(e).__name__}: {e}"])
    if condition:
        return json.dumps([True, bool(v)])
    return json.dumps([True, v if type(v) is str else repr(v)])
