"""The production values of .env.example pass Django's deployment checks."""

import os
import secrets
import subprocess
import sys

from django.conf import settings


def env_example() -> dict[str, str]:
    values = {}
    for line in (settings.BASE_DIR / ".env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def test_check_deploy_is_clean_with_the_production_values_of_env_example(tmp_path):
    production = env_example()
    assert production["DJANGO_DEBUG"] == "false"
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("DJANGO_") and name not in production
    }
    env.update(production)
    # A real secret instead of the placeholder; no database or Redis server is contacted.
    env.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(48),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
