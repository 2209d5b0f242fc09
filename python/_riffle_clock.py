# A Python job's wall clock and random numbers, as a TypeScript job's Date, performance and Math.random
# (src-main/sandbox/job-globals.ts): time.time(), datetime.now() and the like, called from the job file, answer
# the run's simulated processing time, and random's functions draw from a source seeded per run and step, so a
# replay, a trace or time travel sees the same values; each read is told to the engine, whose finding names the
# line. Calls from any other file (the standard library, Riffle's own code) get the real clock and source.
import datetime as _datetime
import random as _random
import sys
import time as _time

# Set by install(): the JS side's clock (PythonBridge.clockNow / clockStep / clockRead / clockSeed) and the job file.
_bridge = None
_job_file = None
_installed = False

_RANDOM_NAMES = ("random", "uniform", "triangular", "randint", "choice", "randrange", "sample", "shuffle", "choices",
                 "normalvariate", "lognormvariate", "expovariate", "vonmisesvariate", "gammavariate", "gauss",
                 "betavariate", "paretovariate", "weibullvariate", "getrandbits", "randbytes", "binomialvariate")
_seeded = _random.Random(0)
_seeded_step = None


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


def _from_job():
    # Two frames up: the caller of the patched function.
    return _bridge is not None and sys._getframe(2).f_code.co_filename == _job_file


def _now_ms():
    v = _bridge.clockNow()
    _bridge.clockRead("time", v)
    return v


def _clock_function(real, scale, as_int):
    def now(*args):
        if not _from_job():
            return real(*args)
        v = _now_ms() * scale
        return int(v) if as_int else v
    now.__name__ = real.__name__
    return now


def _random_function(name, real):
    method = getattr(_random.Random, name)

    def draw(*args, **kwargs):
        if not _from_job():
            return real(*args, **kwargs)
        global _seeded_step
        step = _bridge.clockStep()
        # The source restarts per step, as a TypeScript job's Math.random: a re-run step draws the same numbers.
        if step != _seeded_step:
            _seeded_step = step
            _seeded.seed(_bridge.clockSeed() * 4_294_967_296 + step)
        v = method(_seeded, *args, **kwargs)
        _bridge.clockRead("random", v if type(v) is float or type(v) is int else None)
        return v
    draw.__name__ = name
    return draw


class _SimDatetime(_datetime.datetime):
    """datetime.now(), utcnow() and today() from the job file: the simulated processing time."""

    @classmethod
    def now(cls, tz=None):
        if not _from_job():
            return super().now(tz)
        return cls.fromtimestamp(_now_ms() / 1000, tz)

    @classmethod
    def utcnow(cls):
        if not _from_job():
            return super().utcnow()
        return cls.fromtimestamp(_now_ms() / 1000, _datetime.timezone.utc).replace(tzinfo=None)

    @classmethod
    def today(cls):
        if not _from_job():
            return super().today()
        return cls.fromtimestamp(_now_ms() / 1000)


class _SimDate(_datetime.date):
    """date.today() from the job file: the simulated processing time's date."""

    @classmethod
    def today(cls):
        if not _from_job():
            return super().today()
        return cls.fromtimestamp(_now_ms() / 1000)


_SimDatetime.__name__ = _SimDatetime.__qualname__ = "datetime"
_SimDate.__name__ = _SimDate.__qualname__ = "date"
_SimDatetime.__module__ = _SimDate.__module__ = "datetime"
