"""Production storage and sessions are chosen by environment variables alone."""

import json
import os
import subprocess
import sys

from django.conf import settings

PRINT_SETTINGS = (
    "import json, django; django.setup(); from django.conf import settings as s;"
    "print(json.dumps({'media': s.STORAGES['default'], 'sessions': s.SESSION_ENGINE,"
    " 'cache': s.CACHES['default']['BACKEND'],"
    " 'cache_options': s.CACHES['default'].get('OPTIONS', {})}))"
)


def settings_with(**variables) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "AWS_")) and key not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(DJANGO_SETTINGS_MODULE="config.settings", **variables)
    output = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output)


def test_defaults_need_nothing_installed():
    chosen = settings_with()
    assert chosen["media"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert chosen["sessions"] == "django.contrib.sessions.backends.db"
    assert chosen["cache"].endswith("LocMemCache")


def test_a_bucket_name_moves_media_to_s3_compatible_storage():
    chosen = settings_with(
        AWS_STORAGE_BUCKET_NAME="relations-media", AWS_S3_ENDPOINT_URL="https://s3.example"
    )
    assert chosen["media"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert chosen["media"]["OPTIONS"]["bucket_name"] == "relations-media"
    assert chosen["media"]["OPTIONS"]["endpoint_url"] == "https://s3.example"


def test_redis_carries_the_cache_with_short_timeouts_and_sessions_stay_in_the_database():
    chosen = settings_with(REDIS_URL="redis://127.0.0.1:6379/9")
    assert chosen["cache"].endswith("RedisCache")
    assert chosen["cache_options"] == {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    assert chosen["sessions"] == "django.contrib.sessions.backends.db"


def test_the_redis_timeout_is_configurable():
    chosen = settings_with(REDIS_URL="redis://127.0.0.1:6379/9", REDIS_TIMEOUT="0.2")
    assert chosen["cache_options"] == {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}
