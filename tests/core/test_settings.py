"""The settings module refuses unsafe production configurations and keeps safe local defaults."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Same on any database (settings are read the same whatever the database): run in the SQLite pass only.
pytestmark = pytest.mark.same_on_any_database

BASE_DIR = Path(__file__).resolve().parents[2]

# Print a few settings as JSON from a fresh interpreter with the given environment.
PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
from django.urls import reverse
print(json.dumps({
    "debug": settings.DEBUG,
    "secret": settings.SECRET_KEY,
    "admin_url": reverse("admin:index"),
    "hsts": getattr(settings, "SECURE_HSTS_SECONDS", 0),
    "ssl_redirect": getattr(settings, "SECURE_SSL_REDIRECT", False),
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_secure": settings.CSRF_COOKIE_SECURE,
    "cache": settings.CACHES["default"]["BACKEND"],
    "db_options": settings.DATABASES["default"].get("OPTIONS", {}),
}))
"""


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "PRODUCTION", "DEBUG", "ALLOWED_HOSTS", "ADMIN_PATH"}
    }
    clean.update({"DJANGO_SETTINGS_MODULE": "interpolinfo.settings", **env})
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def settings_with(**env: str) -> dict:
    result = run_python(PRINT_SETTINGS, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_refuses_to_start_without_a_secret_key():
    result = run_python(PRINT_SETTINGS, PRODUCTION="true", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_python(PRINT_SETTINGS, PRODUCTION="true", SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_turns_on_https_only_settings():
    values = settings_with(PRODUCTION="true", SECRET_KEY="x" * 60, ALLOWED_HOSTS="example.org")
    assert values["debug"] is False
    assert values["hsts"] >= 31536000
    assert values["ssl_redirect"] is True
    assert values["session_secure"] is True
    assert values["csrf_secure"] is True


def test_debug_is_off_unless_asked_for():
    assert settings_with()["debug"] is False
    assert settings_with(DEBUG="true")["debug"] is True


def test_local_runs_keep_one_generated_secret_key_across_restarts():
    first = settings_with()["secret"]
    second = settings_with()["secret"]
    assert len(first) >= 50
    assert first == second
    assert (BASE_DIR / ".secret_key").read_text().strip() == first


def test_admin_path_comes_from_the_environment():
    assert settings_with()["admin_url"] == "/admin/"
    assert settings_with(ADMIN_PATH="staff-door")["admin_url"] == "/staff-door/"


def test_cache_is_local_memory_by_default_and_redis_when_configured():
    assert settings_with(REDIS_URL="")["cache"].endswith("LocMemCache")
    assert settings_with(REDIS_URL="redis://127.0.0.1:6379/9")["cache"].endswith("RedisCache")


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    database = tmp_path / "wal.sqlite3"
    code = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "cursor = connection.cursor()\n"
        "cursor.execute('PRAGMA journal_mode')\n"
        "print(cursor.fetchone()[0])\n"
    )
    result = run_python(code, DATABASE_URL=f"sqlite:///{database}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "wal"
    assert settings_with(DATABASE_URL=f"sqlite:///{database}")["db_options"]["timeout"] >= 5


def test_gunicorn_opens_no_control_socket_another_instance_could_take_over():
    import runpy
    from pathlib import Path

    config = runpy.run_path(
        str(Path(__file__).resolve().parents[2] / "interpolinfo/gunicorn.conf.py")
    )
    assert config["control_socket_disable"] is True
