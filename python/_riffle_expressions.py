# Breakpoint conditions, log messages and watches of a Python job (sandbox/python/python-expression.ts): Python
# expressions over event, key and the state names, compiled once and evaluated at each hit over the context the engine
# hands over, with the job module's names (its imports: `time.time()` as the job writes it) as their globals, as a
# Python debugger evaluates in the frame's globals. Their time and random are the job's (_riffle_clock.py).
import ast
import json

import _riffle_agg_results
import _riffle_clock
import _riffle_lines
import _riffle_self
import _riffle_job
import _riffle_values
from _riffle_typed import rebuild_state

_expressions = []


def compile_expression(src, no_self=None):
    """An id for the compiled expression, or the reason it does not compile (as JSON text). `no_self`: why no keyed
    function is at work where it runs (an expression reading `self` is refused then), or None."""
    text = src.strip()
    try:
        code = compile(text, _riffle_clock.EXPRESSION_FILE, "eval")
    except SyntaxError as e:
        return json.dumps({"error": _compile_error(text, e)})
    refused = _self_refusal(text, no_self) if "self" in code.co_names else None
    if refused is not None:
        return json.dumps({"error": refused})
    _expressions.append(code)
    # The names it reads (attributes too: over-inclusive is safe): the engine reads an aggregating state's result only
    # for one it names (python-expression.ts).
    return json.dumps({"id": len(_expressions) - 1, "names": sorted(set(code.co_names))})


def _self_refusal(text, no_self):
    """Why an expression reading `self` cannot be set: none is at work where it runs, or it writes a state through it
    (self.count.update(1)); None when it can."""
    if no_self is not None:
        return f"expression cannot use self: {no_self}"
    for node in ast.walk(ast.parse(text, mode="eval")):
        f = node.func if isinstance(node, ast.Call) else None
        if (isinstance(f, ast.Attribute) and f.attr in _riffle_self.STATE_WRITES and isinstance(f.value, ast.Attribute)
                and isinstance(f.value.value, ast.Name) and f.value.value.id == "self"):
            return (f"expression cannot change state: `self.{f.value.attr}.{f.attr}(...)` writes; a debugger expression "
                    f"only reads the job (`self.{f.value.attr}` reads the key's state as it is after the step)")
    return None


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


def eval_expression(i, context_text, mode):
    """[ok, value] for mode "condition": the truth (Python's); "log": the value as the job would print it (a str as it
    is, else its repr: 3.0, None, {'a': 1}, not JSON's 3, null, {"a":1}); "watch": its repr, as a Python debugger's
    watch shows it ('a', 1708848120.0, True, Row(n=1)), never the engine's JSON of it. [False, error] when it raised, and
    ["interrupted", None] when the watchdog's KeyboardInterrupt stopped it (the caller turns that into a stop)."""
    context = _riffle_values.loads(context_text)
    text = context.pop("eventText", None)
    at = context.pop("self", None)
    only = context.pop("eventOnly", None)  # an event predicate's: no key's call yet, its record's function (or None)
    if text is not None:
        # The record as the job decoded it (its line: 3.0 a float), not JavaScript's parse of it (3).
        context["event"] = json.loads(text)
        if type(context.get("input")) is dict:
            context["input"]["value"] = json.loads(text)
    entries = context.pop("mapEntries", None)
    frame = context.pop("locals", None)
    scope = dict(context.get("state") or {})
    # A Row state as a Row, a DOUBLE as a float, a map's keys, as the job's calls read them (not event, key).
    rebuild_state(scope, entries)
    _riffle_agg_results.rebuild(scope)  # an aggregating state's 3.0 as get_result made it, not JSON's 3
    # self: the job's function, its state fields reading these same values (_riffle_self.py).
    if "self" in _expressions[i].co_names:
        scope["self"] = _riffle_self.NoSelf() if at is None else _riffle_self.SelfView(_riffle_self.keyed_functions[at], dict(scope))
    scope.update({k: v for k, v in context.items() if k != "state" or v is not None})
    if type(scope.get("key")) is list:
        scope["key"] = _riffle_values.key_tuple(scope["key"])  # as ctx.get_current_key() gives it: key == ("a", "click") holds
    if frame is not None:
        # The locals of the line's frame as it ran (a loop's variable), as a Python debugger evaluates in the frame:
        # a local named like a state, `key` or `event` is the local (the debugger's name is read where there is none).
        scope.update(_riffle_lines.captured[frame])
    fn = None if at is None else _riffle_self.keyed_functions[at]
    # Whose process_element names the record: the function at work, or the one an event predicate's record goes to.
    of = None if only is None else only.get("recordOf")
    namer = fn if fn is not None or of is None else _riffle_self.keyed_functions[of]
    if namer is not None:
        _bind_record_name(scope, namer, _expressions[i].co_names)
    names = _riffle_job.job_globals if _riffle_job.job_globals is not None else {"__builtins__": __builtins__}
    _riffle_clock.expression_starts()
    try:
        frame_names = None if frame is None else _riffle_lines.local_names[frame]
        return _evaluated(_expressions[i], names, scope, context, mode, fn, frame_names, namer, only is not None)
    finally:
        _riffle_clock.expression_ends()  # its value's repr too is the expression's (a job class's __repr__ may read time)


def _bind_record_name(scope, fn, used):
    """The record by the name the job's process_element gives it (`value` in PyFlink's docs), where the expression uses
    that name and the scope has none of that name (a state, event, key): a condition in that method reads its
    parameter, as VS Code evaluates in its frame. Not on a timer's step, which has no record."""
    name = _record_name(fn)
    if name is None or scope.get("event") is None:
        return
    if name in used and name not in scope:
        scope[name] = scope["event"]


def _record_name(fn):
    """The name the job's process_element gives the record (`value`, `payment`), or None when it has none."""
    code = getattr(getattr(type(fn), "process_element", None), "__code__", None)
    return None if code is None or code.co_argcount < 2 else code.co_varnames[1]


def _evaluated(code, names, scope, context, mode, fn, frame_names=None, namer=None, event_only=False):
    """eval_expression's answer, as JSON text. `fn`: the keyed function at work, whose change the expression is refused.
    `frame_names`: a line breakpoint's, the local variables its line's frame had as that run of it started. `namer`:
    the function whose process_element names the record. `event_only`: an event predicate's (no key or state)."""
    try:
        # The value's truth or text is the expression's too (a job class's __bool__ or __repr__ runs): what it raises
        # is the expression's error, and what it changes in the job is refused as the expression's own change is.
        def run():
            v = eval(code, names, scope)
            return bool(v) if mode == "condition" else v if mode == "log" and type(v) is str else repr(v)
        shown = run() if fn is None else _riffle_self.unchanged_job(fn, run)
    except KeyboardInterrupt:
        return json.dumps(["interrupted", None])
    except NameError as e:
        # A name the expression cannot see (a misspelt state name, a local of the job's method): say which names it has.
        states = ", ".join(sorted(context.get("state") or {})) or "none for this key"
        local = "" if frame_names is None else f", the line's local variables as it ran ({', '.join(frame_names) or 'none yet'})"
        # The record's own name reads it too (_bind_record_name) where the step has one: said, so a user finds it.
        own = None if namer is None or scope.get("event") is None else _record_name(namer)
        listed = own in (None, "event") or frame_names is not None and own in frame_names  # a local listed below
        alias = "" if listed else f" (also as {own}, process_element's name for it)"
        if event_only:  # its context (breakpoints.ts): the record, the step's number and watermark, no key or state
            return json.dumps([False, f"NameError: {e}: an event predicate can use event{alias}, input, step, watermark and the job module's "
                                      "names; it runs on the record before it reaches a key, so it has no key or state"])
        return json.dumps([False, f"NameError: {e}: the expression can use event{alias}, key, the state names ({states}){local} and the job module's names"])
    except Exception as e:
        return json.dumps([False, f"{type(e).__name__}: {e}"])
    return json.dumps([True, shown])
