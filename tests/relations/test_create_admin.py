"""`make run` makes an admin account whose random password is shown once."""

import io
import re

from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory


def run(*args) -> str:
    out = io.StringIO()
    call_command("create_admin", *args, stdout=out)
    return out.getvalue()


def password_in(output: str) -> str:
    return re.search(r"password: (\S+)", output).group(1)


def log_in(username: str, password: str):
    """Authenticate as the admin login form does (login throttling needs the request)."""
    return authenticate(
        RequestFactory().post("/admin/login/"), username=username, password=password
    )


def test_first_run_creates_a_superuser_with_a_random_password_shown_once(db):
    first = run()
    password = password_in(first)
    assert len(password) >= 20
    assert log_in("admin", password).is_superuser
    second = run()
    assert "already exists" in second
    assert "password:" not in second


def test_each_account_gets_a_different_password(db):
    assert password_in(run("--username", "one")) != password_in(run("--username", "two"))


def test_reset_password_replaces_and_shows_a_new_one(db):
    old = password_in(run())
    new = password_in(run("--reset-password"))
    assert new != old
    assert log_in("admin", new) is not None
    assert log_in("admin", old) is None
