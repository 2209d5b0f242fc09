# Durations: PyFlink 2.x's Duration and 1.x's Time (the seed article's), both as whole milliseconds.


class Duration:
    def __init__(self, millis):
        self._millis = int(millis)

    @staticmethod
    def of_millis(n):
        return Duration(n)

    @staticmethod
    def of_seconds(n):
        return Duration(n * 1000)

    @staticmethod
    def of_minutes(n):
        return Duration(n * 60_000)

    @staticmethod
    def of_hours(n):
        return Duration(n * 3_600_000)

    @staticmethod
    def of_days(n):
        return Duration(n * 86_400_000)

    @staticmethod
    def of_nanos(n):
        return Duration(n // 1_000_000)

    @staticmethod
    def zero():
        return Duration(0)

    def to_milliseconds(self):
        return self._millis

    def __eq__(self, other):
        return isinstance(other, (Duration, Time)) and to_millis(other, "==") == self._millis

    def __hash__(self):
        return hash(self._millis)

    def __repr__(self):
        return f"Duration.of_millis({self._millis})"


class Time(Duration):
    """PyFlink 1.x's Time (dropped in 2.x for Duration); accepted wherever a duration is taken."""

    @staticmethod
    def milliseconds(n):
        return Time(n)

    @staticmethod
    def seconds(n):
        return Time(n * 1000)

    @staticmethod
    def minutes(n):
        return Time(n * 60_000)

    @staticmethod
    def hours(n):
        return Time(n * 3_600_000)

    @staticmethod
    def days(n):
        return Time(n * 86_400_000)

    def __repr__(self):
        return f"Time.milliseconds({self._millis})"


def to_millis(d, what):
    """A Duration, a Time or a plain number of milliseconds, as milliseconds."""
    if isinstance(d, Duration):
        return d._millis
    if type(d) in (int, float):
        return d
    raise TypeError(f"{what}: expected a Duration (Duration.of_seconds(5)), a Time or milliseconds, got {type(d).__name__}")
