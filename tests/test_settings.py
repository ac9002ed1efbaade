"""Settings come from the environment: safe local defaults, production refuses weak secrets.

Each test starts a fresh `manage.py` process with a controlled environment, because settings
are read once per process. The outer DATABASE_URL, REDIS_URL and DJANGO_* variables are removed
so the result does not depend on where the suite runs.
"""

import secrets

import pytest
from django.conf import settings

from tests.helpers import manage

BASE_DIR = settings.BASE_DIR
SHOW_BACKENDS = (
    "from django.conf import settings; "
    "print(settings.DATABASES['default']['ENGINE']); "
    "print(settings.DATABASES['default']['NAME']); "
    "print(settings.CACHES['default']['BACKEND'])"
)


def production_key() -> str:
    return secrets.token_urlsafe(48)  # 64 characters


@pytest.fixture(autouse=True, scope="module")
def _no_env_file():
    """A developer's .env would change what these processes read; the tests assume none."""
    if (BASE_DIR / ".env").exists():
        pytest.skip(".env in the project directory overrides the controlled environment")


def test_production_without_a_secret_key_refuses_to_start():
    result = manage("check", DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_with_the_development_secret_key_refuses_to_start():
    result = manage(
        "check",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="development-only-secret-key-never-use-in-production",
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_with_a_short_secret_key_refuses_to_start():
    result = manage("check", DJANGO_DEBUG="false", DJANGO_SECRET_KEY="s3cret")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_settings_pass_the_deployment_checks():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=production_key(),
        DJANGO_ALLOWED_HOSTS="relations.example.ca",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_turns_on_https_and_secure_cookies():
    code = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS > 0, s.ALLOWED_HOSTS)"
    )
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=production_key(),
        DJANGO_ALLOWED_HOSTS="relations.example.ca",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False True True True True ['relations.example.ca']"


def test_development_defaults_pass_the_ordinary_checks():
    result = manage("check")
    assert result.returncode == 0, result.stderr


def test_without_database_url_the_database_is_sqlite_in_the_project():
    result = manage("shell", "--no-imports", "-c", SHOW_BACKENDS)
    assert result.returncode == 0, result.stderr
    engine, name, _cache = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert name == str(BASE_DIR / "db.sqlite3")


def test_without_redis_url_the_cache_is_local_memory():
    result = manage("shell", "--no-imports", "-c", SHOW_BACKENDS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[2] == "django.core.cache.backends.locmem.LocMemCache"


def test_database_url_and_redis_url_switch_the_backends():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        SHOW_BACKENDS,
        DATABASE_URL="postgres://someone@db.example.ca:5432/relations",
        REDIS_URL="redis://cache.example.ca:6379/1",
    )
    assert result.returncode == 0, result.stderr
    engine, name, cache = result.stdout.split()
    assert engine == "django.db.backends.postgresql"
    assert name == "relations"
    assert cache == "django.core.cache.backends.redis.RedisCache"


def test_development_mode_is_the_default():
    result = manage(
        "shell", "--no-imports", "-c", "from django.conf import settings; print(settings.DEBUG)"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
