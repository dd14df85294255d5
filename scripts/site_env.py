"""One environment for running the site under production settings on plain http.

The benchmark, the Lighthouse run and the live multi-process tests all start
gunicorn on 127.0.0.1 with PRODUCTION=true; TLS would be the proxy's job, so
the HTTPS redirect is off. Each caller adds only what is its own, and builds
its site with `prepare_site`.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def production_over_http(*, database_url: str, redis_url: str = "", **extra: str) -> dict[str, str]:
    """This process's environment, less its own database, cache and pytest variables,
    with production settings over http and a fresh secret key and cache prefix."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DEBUG"} and not key.startswith("PYTEST")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="interpolinfo.settings",
        PRODUCTION="true",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        # Plain http on loopback; production's proxy terminates TLS.
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        CACHE_KEY_PREFIX=f"site-{secrets.token_hex(4)}",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    env.update(extra)
    return env


def prepare_site(
    env: dict[str, str], *, starter_content: bool = True, admin: bool = False, static: bool = True
) -> None:
    """Migrate, load the starter content, create the admin (`admin`) and collect the
    static files (`static`) for the site `env` describes.

    collectstatic (compressing every file, the slowest step) touches no database,
    so it runs beside the database commands.
    """

    def manage(*command: str, wait: bool = True) -> subprocess.Popen:
        process = subprocess.Popen(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, stdout=subprocess.DEVNULL
        )
        if wait and process.wait() != 0:
            raise subprocess.CalledProcessError(process.returncode, command)
        return process

    collecting = manage("collectstatic", "--noinput", "-v0", wait=False) if static else None
    try:
        manage("migrate", "--noinput", "-v0")
        if starter_content:
            manage("load_starter_content")
        if admin:
            manage("ensure_admin")
    finally:
        if collecting is not None and collecting.wait() != 0:
            raise subprocess.CalledProcessError(collecting.returncode, "collectstatic")
