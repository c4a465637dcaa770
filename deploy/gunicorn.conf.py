"""Gunicorn settings for Zicht in production: ``gunicorn -c deploy/gunicorn.conf.py config.wsgi``.

Everything a site may want to change comes from the environment:
GUNICORN_BIND (default 127.0.0.1:8000, behind the TLS proxy), GUNICORN_WORKERS (default
2 x CPU cores + 1), GUNICORN_THREADS (default 1), GUNICORN_TIMEOUT (seconds, default 60: the
longest page, an export, must finish within it), GUNICORN_MAX_REQUESTS (recycle a worker after
this many requests, default 1000, with jitter).
The access log never holds a query string (it may carry a search term or a token): only the
method, the path and the status are written.
"""

from __future__ import annotations

import multiprocessing
import os


def _int(name: str, default: int, minimum: int = 1) -> int:
    value = int(os.environ.get(name, default))
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return value


wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1)
threads = _int("GUNICORN_THREADS", 1)
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000, minimum=0)
max_requests_jitter = max_requests // 10
# Heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# Only the local TLS proxy may tell gunicorn the original scheme (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Requests larger than this are refused before Django reads them (uploads have their own limit).
limit_request_line = 8190

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# %(U)s is the path without the query string; no referer, no user agent, no remote user.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
proc_name = "zicht"
