# Metrics (pyflink.metrics): what runtime_context.get_metrics_group() gives. They count in the job's Python, as
# on a cluster, so a job that keeps metrics runs unchanged; Riffle reports them nowhere (no metric reporter).


class Metric:
    pass


class Counter(Metric):
    def __init__(self):
        self._count = 0

    def inc(self, n=1):
        self._count += n

    def dec(self, n=1):
        self.inc(-n)

    def get_count(self):
        return self._count


class Meter(Metric):
    def __init__(self):
        self._count = 0

    def mark_event(self, value=1):
        self._count += value

    def get_count(self):
        return self._count


class Distribution(Metric):
    def update(self, value):
        pass


class MetricGroup:
    """One group of metrics; a group or metric asked for again by its name is the same one, as in PyFlink."""

    def __init__(self):
        self._groups = {}
        self._metrics = {}

    def add_group(self, name, extra=None):
        group = self._groups.setdefault(name, MetricGroup())
        return group if extra is None else group.add_group(extra)

    def _metric(self, name, cls):
        m = self._metrics.get(name)
        if not isinstance(m, cls):
            m = self._metrics[name] = cls()
        return m

    def counter(self, name):
        return self._metric(name, Counter)

    def gauge(self, name, obj):
        self._metrics[name] = obj

    def meter(self, name, time_span_in_seconds=60):
        return self._metric(name, Meter)

    def distribution(self, name):
        return self._metric(name, Distribution)


__all__ = ["MetricGroup", "Metric", "Counter", "Meter", "Distribution"]
