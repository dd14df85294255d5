"""One environment for running the site under production settings on plain http.

The benchmark, the Lighthouse run and the live multi-process tests all start
gunicorn on 127.0.0.1 with PRODUCTION=true; TLS would be the proxy's job, so
the HTTPS redirect is off. Each caller adds only what is its own.
"""

import os
import secrets


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
