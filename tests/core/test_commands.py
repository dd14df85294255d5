"""The set-up commands that `make run` calls."""

import io
import json
import logging

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command


def run(command: str, **env) -> str:
    out = io.StringIO()
    call_command(command, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_ensure_admin_creates_one_administrator_and_shows_its_password_once(monkeypatch):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    first = run("ensure_admin")
    assert "Created administrator “admin”" in first
    password = first.split("shown only this once: ")[1].strip()
    assert get_user_model().objects.get(username="admin").check_password(password)

    second = run("ensure_admin")
    assert "already exists" in second
    assert password not in second
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


@pytest.mark.django_db
def test_ensure_admin_takes_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("ADMIN_PASSWORD", "from-the-environment-42")
    output = run("ensure_admin")
    assert "from-the-environment-42" not in output
    assert get_user_model().objects.get(username="admin").check_password("from-the-environment-42")


@pytest.mark.django_db
def test_load_starter_content_can_run_twice():
    first = run("load_starter_content")
    second = run("load_starter_content")
    assert first.strip()
    assert second.strip()


def test_log_lines_are_one_json_object_each():
    handler = logging.getLogger("django").handlers[0]
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/x",), None
    )
    line = handler.format(record)
    assert "\n" not in line
    event = json.loads(line)
    assert event["level"] == "WARNING"
    assert event["logger"] == "django.request"
    assert event["message"] == "Not Found: /x"
