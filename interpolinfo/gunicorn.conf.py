"""gunicorn settings; every value can be overridden from the environment."""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# Workers load the app after forking, so each opens its own database connection.
preload_app = False
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Cap a worker's lifetime so a slow leak can never grow without bound. Cached pages
# run at hundreds of requests a second per worker: a cap of a few thousand would
# restart every worker every few seconds, each restart costing a second of CPU.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = max_requests // 10
accesslog = "-"
errorlog = "-"
# One line per request, as JSON, alongside Django's own JSON log lines.
access_log_format = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "method": "%(m)s", '
    '"path": "%(U)s", "status": %(s)s, "bytes": "%(B)s", "duration_us": %(D)s}'
)
# gunicorn 27 opens a control socket, one per user by default (~/.gunicorn/gunicorn.ctl),
# so two instances on one host take it over from each other. Nothing here uses
# gunicornc; switch it off.
control_socket_disable = True
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
