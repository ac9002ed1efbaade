"""Admin logins are throttled per user name and per address, before any password is hashed."""

import datetime
import logging

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from tests.accounts.hashers import CountingHasher
from tests.conftest import PASSWORD

LOGIN = "/admin/login/?next=/admin/"
ATTACKER = "203.0.113.7"
OFFICE = "198.51.100.20"


@pytest.fixture(autouse=True)
def _counting_hasher(settings):
    settings.PASSWORD_HASHERS = ["tests.accounts.hashers.CountingHasher"]
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser("chief", password=PASSWORD)


def log_in(client, username, password, address, **headers):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def test_a_locked_out_user_name_is_refused_before_the_password_is_hashed(client, admin_user):
    for _ in range(5):
        response = log_in(client, "chief", "wrong guess", ATTACKER)
    assert response.status_code == 429
    CountingHasher.calls = 0
    for _ in range(20):
        response = log_in(client, "chief", "another guess", ATTACKER)
        assert response.status_code == 429
    response = log_in(client, "chief", PASSWORD, ATTACKER)
    assert response.status_code == 429
    assert CountingHasher.calls == 0, "locked-out attempts must not reach the hasher"
    assert "_auth_user_id" not in client.session


def test_the_user_name_stays_locked_from_another_address(client, admin_user):
    for address in ("203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4", "203.0.113.5"):
        log_in(client, "chief", "wrong guess", address)
    assert log_in(client, "chief", PASSWORD, OFFICE).status_code == 429


def test_an_address_guessing_many_user_names_is_locked_out_for_everyone_on_it(client, admin_user):
    for name in ("alice", "bob", "carol", "dave", "erin"):
        assert log_in(client, name, "guess", ATTACKER).status_code in (200, 429)
    assert log_in(client, "chief", PASSWORD, ATTACKER).status_code == 429
    response = log_in(client, "chief", PASSWORD, OFFICE)
    assert response.status_code == 302, "another address is not affected"


def test_fewer_failures_than_the_limit_still_let_the_right_password_in(client, admin_user):
    for _ in range(4):
        response = log_in(client, "chief", "typo", OFFICE)
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    assert log_in(client, "chief", PASSWORD, OFFICE).status_code == 302
    client.logout()
    # Success forgot the earlier failures: four more typos do not lock.
    for _ in range(4):
        assert log_in(client, "chief", "typo", OFFICE).status_code == 200
    assert log_in(client, "chief", PASSWORD, OFFICE).status_code == 302


def test_the_lockout_page_is_an_admin_page_in_english(client, admin_user):
    for _ in range(5):
        response = log_in(client, "chief", "wrong", ATTACKER)
    body = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "<h1>Too many failed logins</h1>" in body
    assert "refused after 5 failed attempts" in body
    assert "for 15 minutes after the last failed attempt" in body
    assert 'id="site-name"' in body  # the admin's own header


def test_the_lockout_page_is_in_french_for_a_french_browser(client, admin_user):
    for _ in range(5):
        response = log_in(client, "chief", "faux", ATTACKER, HTTP_ACCEPT_LANGUAGE="fr")
    body = response.content.decode()
    assert response.status_code == 429
    assert "Trop d’échecs de connexion" in body
    assert "après 5 tentatives infructueuses" in body
    assert "pendant 15 minutes" in body


def test_the_lockout_ends_by_itself_after_the_cool_off(client, admin_user):
    with time_machine.travel(datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.UTC)) as clock:
        for _ in range(5):
            log_in(client, "chief", "wrong", ATTACKER)
        clock.shift(datetime.timedelta(minutes=14))
        assert log_in(client, "chief", PASSWORD, ATTACKER).status_code == 429
        clock.shift(datetime.timedelta(minutes=2))
        assert log_in(client, "chief", PASSWORD, ATTACKER).status_code == 302


def test_a_lockout_is_logged(client, admin_user, caplog):
    with caplog.at_level(logging.WARNING):
        for _ in range(5):
            log_in(client, "chief", "wrong", ATTACKER)
    assert any("Locking out" in record.getMessage() for record in caplog.records)


def test_the_unlock_command_lifts_a_lockout_and_logs_it(client, admin_user, capsys, caplog):
    for _ in range(5):
        log_in(client, "chief", "wrong", ATTACKER)
    call_command("unlock_login", "--list")
    assert "user name chief: 5 failed logins, locked out until" in capsys.readouterr().out
    call_command("unlock_login", "chief", "--dry-run")
    assert "Would forget 1 failed-login records" in capsys.readouterr().out
    assert log_in(client, "chief", PASSWORD, OFFICE).status_code == 429
    with caplog.at_level(logging.WARNING, logger="accounts.throttling"):
        call_command("unlock_login", "chief")
    assert "Unlocked chief" in capsys.readouterr().out
    assert "Login lockout lifted by manage.py unlock_login" in caplog.text
    # The user name is free again; the attacker's address is still locked.
    assert log_in(client, "chief", PASSWORD, OFFICE).status_code == 302
    assert AccessAttempt.objects.count() == 0


def test_the_unlock_command_unlocks_an_address(client, admin_user, capsys):
    for name in ("alice", "bob", "carol", "dave", "erin"):
        log_in(client, name, "guess", OFFICE)
    call_command("unlock_login", "--ip", OFFICE)
    assert log_in(client, "chief", PASSWORD, OFFICE).status_code == 302


def test_the_unlock_command_needs_something_to_unlock(db):
    with pytest.raises(CommandError, match="at least one user name or --ip"):
        call_command("unlock_login")


def test_a_superuser_unlocks_a_user_name_from_the_admin(client, admin_user, editor):
    for _ in range(5):
        log_in(client, "editor", "wrong", ATTACKER)
    assert log_in(client, "editor", PASSWORD, OFFICE).status_code == 429
    client.force_login(admin_user)
    listing = client.get("/admin/axes/accessattempt/?locked=yes").content.decode()
    assert "editor" in listing and "user name, address" in listing
    attempt = AccessAttempt.objects.get(username="editor")
    response = client.post(
        "/admin/axes/accessattempt/",
        {"action": "unlock_usernames", "_selected_action": [attempt.pk]},
        follow=True,
    )
    assert "Unlocked: 1 failed-login record forgotten." in response.content.decode()
    client.logout()
    assert log_in(client, "editor", PASSWORD, OFFICE).status_code == 302


def test_editors_cannot_see_or_lift_lockouts(editor_client):
    assert editor_client.get("/admin/axes/accessattempt/").status_code == 403
    assert editor_client.get("/admin/axes/accesslog/").status_code == 403


def test_successful_logins_are_recorded_and_read_only(client, admin_user):
    assert log_in(client, "chief", PASSWORD, OFFICE).status_code == 302
    listing = client.get("/admin/axes/accesslog/").content.decode()
    assert OFFICE in listing
    log = client.get("/admin/axes/accesslog/")
    assert log.status_code == 200
    from axes.models import AccessLog

    entry = AccessLog.objects.get()
    assert client.post(f"/admin/axes/accesslog/{entry.pk}/delete/").status_code == 403


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "1.2.3.4", "10.0.0.9"),
        (1, "1.2.3.4", "1.2.3.4"),
        (1, "6.6.6.6, 1.2.3.4", "1.2.3.4"),
        (2, "6.6.6.6, 1.2.3.4, 10.0.0.2", "1.2.3.4"),
        (2, "1.2.3.4", "10.0.0.9"),
    ],
)
def test_the_client_address_trusts_only_the_configured_proxies(
    rf, settings, proxies, forwarded, expected
):
    """A client cannot dodge the address lockout by writing its own X-Forwarded-For."""
    from accounts.throttling import client_ip

    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_admin_sessions_end_after_eight_hours(client, admin_user, settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    response = log_in(client, "chief", PASSWORD, OFFICE)
    assert response.cookies["sessionid"]["max-age"] == 8 * 3600
