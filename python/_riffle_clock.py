# A Python job's wall clock and random numbers, as a TypeScript job's Date, performance and Math.random
# (src-main/sandbox/job-globals.ts): time.time(), datetime.now() and the like, called from the job file, answer
# the run's simulated processing time, and random's functions draw from a source seeded per run and step, so a
# replay, a trace or time travel sees the same values; each read is told to the engine, whose finding names the
# line. A debugger expression (a watch, a breakpoint condition: _riffle_expressions.py) reads the same clock and a
# source seeded as the job's, without taking the job's numbers or being told as the job's reads. Calls from any other
# file (the standard library, Riffle's own code) get the real clock and source.
import datetime as _datetime
import random as _random
import sys
import time as _time

# Set by install(): the JS side's clock (PythonBridge.clockNow / clockStep / clockPass / clockRead / clockSeed)
# and the job file.
_bridge = None
_job_file = None
_installed = False

_RANDOM_NAMES = ("random", "uniform", "triangular", "randint", "choice", "randrange", "sample", "shuffle", "choices",
                 "normalvariate", "lognormvariate", "expovariate", "vonmisesvariate", "gammavariate", "gauss",
                 "betavariate", "paretovariate", "weibullvariate", "getrandbits", "randbytes", "binomialvariate")
_seeded = _random.Random(0)
_seeded_step = None
# The file name debugger expressions are compiled under (_riffle_expressions.py), and their own random source.
EXPRESSION_FILE = "<breakpoint>"
_expression_seeded = _random.Random(0)
_expression_fresh = True
# True while a debugger expression runs (expression_starts to expression_ends): the job's functions it calls are its.
_expression_running = False


def install(bridge, job_file):
    """Answers the job file's reads from the run's clock (the patches are made once per interpreter)."""
    global _bridge, _job_file, _installed, _seeded_step
    _bridge = bridge
    _job_file = job_file
    _seeded_step = None
    if _installed:
        return
    _installed = True
    for name, scale, as_int in (("time", 1e-3, False), ("time_ns", 1_000_000, True), ("monotonic", 1e-3, False),
                                ("monotonic_ns", 1_000_000, True), ("perf_counter", 1e-3, False),
                                ("perf_counter_ns", 1_000_000, True)):
        setattr(_time, name, _clock_function(getattr(_time, name), scale, as_int))
    for name in _RANDOM_NAMES:
        if hasattr(_random, name):
            setattr(_random, name, _random_function(name, getattr(_random, name)))
    _datetime.datetime = _SimDatetime
    _datetime.date = _SimDate


def expression_starts():
    """A debugger expression is about to run: its draws start from the step's first number, so it reads what the job's
    first draw at this step reads, the same at each evaluation, and takes none of the job's numbers."""
    global _expression_fresh, _expression_running
    _expression_fresh = True
    _expression_running = True


def expression_ends():
    """The expression returned (or raised): the job file's calls are the job's again."""
    global _expression_running
    _expression_running = False


def _caller():
    """Who called the patched function (two frames up): "job", "expression", or None for any other file. The job file's
    functions called by an expression (a watch `draw()` where the job defines it) are the expression's: its clock and
    source, no read told as the job's."""
    if _bridge is None:
        return None
    name = sys._getframe(2).f_code.co_filename
    if name == _job_file:
        return "expression" if _expression_running else "job"
    return "expression" if name == EXPRESSION_FILE else None


def _now_ms(caller):
    v = _bridge.clockNow()
    if caller == "job":
        _bridge.clockRead("time", v)
    return v


def _clock_function(real, scale, as_int):
    def now(*args):
        caller = _caller()
        if caller is None:
            return real(*args)
        v = _now_ms(caller) * scale
        return int(v) if as_int else v
    now.__name__ = real.__name__
    return now


def _step_seed():
    return _bridge.clockSeed() * 4_294_967_296 + _bridge.clockStep()


def _source(caller):
    """The seeded source `caller` draws from: the job's restarts per step and per pass over the steps (JobClock.pass: a
    step re-run after a seek draws its first numbers again even when the step that drew last had its number), as a
    TypeScript job's Math.random; an expression's at each evaluation (expression_starts)."""
    global _seeded_step, _expression_fresh
    if caller == "expression":
        if _expression_fresh:
            _expression_fresh = False
            _expression_seeded.seed(_step_seed())
        return _expression_seeded
    step = (_bridge.clockStep(), _bridge.clockPass())
    if step != _seeded_step:
        _seeded_step = step
        _seeded.seed(_step_seed())
    return _seeded


def _random_function(name, real):
    method = getattr(_random.Random, name)

    def draw(*args, **kwargs):
        caller = _caller()
        if caller is None:
            return real(*args, **kwargs)
        v = method(_source(caller), *args, **kwargs)
        if caller == "job":
            _bridge.clockRead("random", v if type(v) is float or type(v) is int else None)
        return v
    draw.__name__ = name
    return draw


class _SimDatetime(_datetime.datetime):
    """datetime.now(), utcnow() and today() from the job file: the simulated processing time."""

    @classmethod
    def now(cls, tz=None):
        caller = _caller()
        if caller is None:
            return super().now(tz)
        return cls.fromtimestamp(_now_ms(caller) / 1000, tz)

    @classmethod
    def utcnow(cls):
        caller = _caller()
        if caller is None:
            return super().utcnow()
        return cls.fromtimestamp(_now_ms(caller) / 1000, _datetime.timezone.utc).replace(tzinfo=None)

    @classmethod
    def today(cls):
        caller = _caller()
        if caller is None:
            return super().today()
        return cls.fromtimestamp(_now_ms(caller) / 1000)


class _SimDate(_datetime.date):
    """date.today() from the job file: the simulated processing time's date."""

    @classmethod
    def today(cls):
        caller = _caller()
        if caller is None:
            return super().today()
        return cls.fromtimestamp(_now_ms(caller) / 1000)


_SimDatetime.__name__ = _SimDatetime.__qualname__ = "datetime"
_SimDate.__name__ = _SimDate.__qualname__ = "date"
_SimDatetime.__module__ = _SimDate.__module__ = "datetime"
