# PyFlink's DataStream and KeyedStream methods that Riffle's pyflink does not have: a job pasted from PyFlink's examples
# (word count's key_by(...).reduce(...), a .print() sink) is told at its line that the method is PyFlink's but not
# Riffle's and what to write instead, not Python's bare "'KeyedStream' object has no attribute 'reduce'".

_SUPPORTED = "map, filter, flat_map, key_by, assign_timestamps_and_watermarks and process (docs/python-jobs.md)"
_TIMERS = "an event-time timer in a KeyedProcessFunction does what a window does"
_STATE = "a KeyedProcessFunction with a ValueState does what {}() does"
_ONE_STREAM = "Riffle replays one recording, so there is no second stream to join it with"

# Method name -> what does it in Riffle ("" for a sink: the returned stream is the output).
_HINTS = {
    "reduce": "a KeyedProcessFunction with a ReducingState does what reduce() does",
    "sum": _STATE.format("sum"), "min": _STATE.format("min"), "max": _STATE.format("max"),
    "min_by": _STATE.format("min_by"), "max_by": _STATE.format("max_by"),
    "window": _TIMERS, "count_window": "a KeyedProcessFunction counting in a ValueState does what count_window() does",
    "window_all": _TIMERS,
    "union": _ONE_STREAM, "connect": _ONE_STREAM, "broadcast": _ONE_STREAM,
    "shuffle": "", "rescale": "", "rebalance": "", "forward": "", "partition_custom": "", "project": "",
    "cache": "", "get_execution_environment": "", "get_execution_config": "",
    "print": None, "add_sink": None, "sink_to": None, "execute_and_collect": None,
}


def not_in_riffle(stream, name):
    """The AttributeError for stream.name: Riffle's words for a PyFlink method it lacks, else Python's own."""
    cls = type(stream).__name__
    if name not in _HINTS:
        return AttributeError(f"'{cls}' object has no attribute '{name}'")
    hint = _HINTS[name]
    if hint is None:
        return AttributeError(f"{cls}.{name}() is a sink: in Riffle the stream job(events) returns is the job's output "
                              "(riffle run --out -): return it instead")
    return AttributeError(f"{cls}.{name}() is PyFlink's, but not Riffle's: Riffle replays a recording through {_SUPPORTED}"
                          + (f"; {hint}" if hint else ""))
