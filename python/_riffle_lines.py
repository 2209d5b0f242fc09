# Which lines of the job's file run, for line breakpoints on any line and a step's "lines run": sys.monitoring's
# LINE events (PEP 669, plus PY_START for functions written on one line) rather than sys.settrace, because a location that is not wanted (the engine's own Python,
# a job line nobody watches) is switched off for good by returning DISABLE, so watching a few lines costs
# almost nothing beyond them. The events are on only while the engine watches (arm/disarm).
import sys

import _riffle
import _riffle_fields
import _riffle_job
import _riffle_values

_M = sys.monitoring
# A tool id of the six PEP 669 offers that debuggers, coverage and profilers do not claim by convention.
TOOL = 4
_registered = False
# None: every line of the job file; else the set of lines watched.
_wanted = None
_report = None
# The job's frame whose line is being reported (capture_locals reads it), and the locals captured this step, with
# the names of all the frame's locals then (by the same number: a NameError says which there were).
_frame = None
captured = []
local_names = []
# By frame, the offset each of its lines was last reported at (this step): a statement written over several lines
# comes back to its first line after the others (`yield {` ... `}`) at a later offset; that is the same run of it.
_offsets = {}


def _on_line(code, line):
    global _frame
    if code.co_filename != _riffle.job_file:
        return _M.DISABLE
    if _wanted is not None and line not in _wanted:
        return _M.DISABLE
    _frame = sys._getframe(1)
    seen = _offsets.setdefault(_frame, {})
    last = seen.get(line)
    seen[line] = _frame.f_lasti
    # A new run starts at or before where the last one did (a loop jumps back); a later offset goes on with it.
    if last is not None and _frame.f_lasti > last:
        _frame = None
        return None
    try:
        _report(line)
    finally:
        _frame = None
    return None


def capture_locals(names_json):
    """Copies those of the names that are locals of the frame being reported (a conditional breakpoint's line in a
    loop: the loop goes on changing them), for its expressions after the step; the copy's number in `captured`."""
    local = _frame.f_locals if _frame is not None else {}
    out = {}
    for name in _riffle_values.loads(names_json):
        if name in local:
            try:
                out[name] = _riffle_fields.copy_value(local[name])
            except Exception:
                out[name] = local[name]
    captured.append(out)
    local_names.append(sorted(k for k in local if k.isidentifier()))
    return len(captured) - 1


def step_begins():
    """A new step: what was captured and which runs were reported are forgotten (the frames too)."""
    captured.clear()
    local_names.clear()
    _offsets.clear()


def _on_start(code, _offset):
    # A function written on one line (a lambda, `def f(x): return x`) may get no LINE event for it: its body starts
    # on the line its RESUME is on, and a LINE event marks a change of line. Its start is that line running.
    if code.co_filename != _riffle.job_file or not _one_line(code):
        return _M.DISABLE
    global _frame
    line = code.co_firstlineno
    if _wanted is not None and line not in _wanted:
        return _M.DISABLE
    # Its frame is the run's, as a def's is at its lines: a condition there reads the lambda's parameters.
    _frame = sys._getframe(1)
    # Where the interpreter does mark its line with a LINE event too (Pyodide's does, after RESUME), that event
    # is this same run going on (_on_line's later offset), not a second run.
    _offsets.setdefault(_frame, {})[line] = _frame.f_lasti
    try:
        _report(line)
    finally:
        _frame = None
    return None


def _one_line(code):
    return all(line is None or line == code.co_firstlineno for _s, _e, line in code.co_lines())


def arm(lines_json, report):
    """Reports (report(line)) each run of the lines watched: "all", or a JSON list of line numbers."""
    global _registered, _wanted, _report
    if not _registered:
        _M.use_tool_id(TOOL, "riffle lines")
        _M.register_callback(TOOL, _M.events.LINE, _on_line)
        _M.register_callback(TOOL, _M.events.PY_START, _on_start)
        _registered = True
    _wanted = None if lines_json == "all" else set(_riffle_values.loads(lines_json))
    _report = report
    _offsets.clear()
    # Locations switched off for an earlier set of lines may be wanted now.
    _M.restart_events()
    _M.set_events(TOOL, _M.events.LINE | _M.events.PY_START)


def disarm():
    global _report
    if _registered:
        _M.set_events(TOOL, 0)
    _report = None
    step_begins()


def breakable_lines():
    """The job file's lines that have code (a LINE event can fire there), as a JSON list, ascending."""
    lines = set()
    todo = [_riffle_job.job_code] if _riffle_job.job_code is not None else []
    while todo:
        code = todo.pop()
        for _start, _end, line in code.co_lines():
            if line is not None and line > 0:
                lines.add(line)
        todo.extend(c for c in code.co_consts if isinstance(c, type(code)))
    return _riffle_values.dumps(sorted(lines), "lines")
