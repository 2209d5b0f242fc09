# Which lines of the job's file run, for line breakpoints on any line and a step's "lines run": sys.monitoring's
# LINE events (PEP 669, plus PY_START for functions written on one line) rather than sys.settrace, because a location that is not wanted (the engine's own Python,
# a job line nobody watches) is switched off for good by returning DISABLE, so watching a few lines costs
# almost nothing beyond them. The events are on only while the engine watches (arm/disarm).
import sys

import _riffle
import _riffle_job
import _riffle_values

_M = sys.monitoring
# A tool id of the six PEP 669 offers that debuggers, coverage and profilers do not claim by convention.
TOOL = 4
_registered = False
# None: every line of the job file; else the set of lines watched.
_wanted = None
_report = None


def _on_line(code, line):
    if code.co_filename != _riffle.job_file:
        return _M.DISABLE
    if _wanted is not None and line not in _wanted:
        return _M.DISABLE
    _report(line)
    return None


def _on_start(code, _offset):
    # A function written on one line (a lambda, `def f(x): return x`) gets no LINE event for it: its body starts
    # on the line its RESUME is on, and a LINE event marks a change of line. Its start is that line running.
    if code.co_filename != _riffle.job_file or not _one_line(code):
        return _M.DISABLE
    line = code.co_firstlineno
    if _wanted is not None and line not in _wanted:
        return _M.DISABLE
    _report(line)
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
    # Locations switched off for an earlier set of lines may be wanted now.
    _M.restart_events()
    _M.set_events(TOOL, _M.events.LINE | _M.events.PY_START)


def disarm():
    global _report
    if _registered:
        _M.set_events(TOOL, 0)
    _report = None


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
