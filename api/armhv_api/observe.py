"""Request ids, JSON logs and Prometheus metrics."""

import contextvars
import logging
import re
import sys
import uuid

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, ProcessCollector
from prometheus_client.core import GaugeMetricFamily
from pythonjsonlogger.json import JsonFormatter

REQUEST_ID = contextvars.ContextVar('request_id', default='-')
GOOD_ID = re.compile(r'^[A-Za-z0-9._:-]{1,64}$')
LOG = logging.getLogger('armhv_api')


def request_id(incoming):
    """The caller's X-Request-ID when it is a sane token, else a new one."""
    return incoming if incoming and GOOD_ID.match(incoming) else uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = REQUEST_ID.get()
        return True


def setup_logging(level, fmt):
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RequestIdFilter())
    if fmt == 'json':
        handler.setFormatter(JsonFormatter('%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s',
                                           rename_fields={'levelname': 'level', 'asctime': 'time'}))
    else:
        handler.setFormatter(logging.Formatter('%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s'))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # Alembic reports its context on every schema check (each /ready): keep its warnings only.
    logging.getLogger('alembic').setLevel(max(logging.WARNING, logging.getLevelName(level)))


class Metrics:
    def __init__(self, containers):
        self.registry = CollectorRegistry()
        ProcessCollector(registry=self.registry)
        self.latency = Histogram('armhv_api_request_duration_seconds', 'Request latency per route',
                                 ['method', 'route', 'status'], registry=self.registry,
                                 buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60))
        self.in_flight = Gauge('armhv_api_requests_in_flight', 'Requests being served', registry=self.registry)
        self.errors = Counter('armhv_api_request_errors_total', 'Responses with a 4xx or 5xx status',
                              ['method', 'route', 'status'], registry=self.registry)
        self.rate_limited = Counter('armhv_api_rate_limited_total', 'Requests refused with 429', ['scope'],
                                    registry=self.registry)
        self.registry.register(InstanceCollector(containers))

    def observe(self, method, route, status, seconds):
        self.latency.labels(method, route, str(status)).observe(seconds)
        if status >= 400:
            self.errors.labels(method, route, str(status)).inc()


class InstanceCollector:
    """Instance counts per status, read from LXD at scrape time."""

    def __init__(self, containers):
        self.containers = containers

    def collect(self):
        family = GaugeMetricFamily('armhv_api_instances', 'LXD instances per status', labels=['status'])
        try:
            found = self.containers.list()
        except Exception as exc:  # a scrape must not fail because LXD is away: the gauge is left out
            LOG.warning('instance count unavailable: %s', exc)
            return
        counts = {}
        for instance in found:
            counts[instance['status']] = counts.get(instance['status'], 0) + 1
        for status in sorted(counts):
            family.add_metric([status], counts[status])
        yield family
