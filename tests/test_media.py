"""Uploaded media are served in production (DEBUG off) with headers that keep them harmless."""

import io
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils.http import http_date
from PIL import Image

from tests.culture.factories import HighlightFactory
from tests.helpers import admin_form_data


def media_file(settings, name: str, content: bytes) -> Path:
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def test_debug_is_off_in_these_tests():
    assert django_settings.DEBUG is False


def test_an_uploaded_image_is_served_to_readers_with_safe_headers(client, settings):
    media_file(settings, "highlights/cirque.png", png())
    response = client.get("/media/highlights/cirque.png")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png()
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "public, max-age=86400"
    assert "Last-Modified" in response
    assert response["Content-Disposition"].startswith("inline;")


@pytest.mark.parametrize(
    "name", ["highlights/page.html", "highlights/logo.svg", "highlights/notes.txt"]
)
def test_anything_but_an_image_is_a_download_never_a_page(client, settings, name):
    media_file(settings, name, b"<html><script>alert(1)</script></html>")
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "url",
    [
        "/media/django-import-export/waiting.csv",  # uploads waiting for an import's confirmation
        "/media/secret.txt",
        "/media/highlights/missing.png",
        "/media/highlights/",
        "/media/highlights/../secret.txt",
        "/media/highlights/%2e%2e/secret.txt",
        "/media/highlights/..%2fsecret.txt",
    ],
)
def test_only_public_media_folders_are_served(client, settings, url):
    media_file(settings, "django-import-export/waiting.csv", b"profile,year\nrussia,2011\n")
    media_file(settings, "secret.txt", b"private")
    media_file(settings, "highlights/ok.png", png())
    assert client.get(url).status_code == 404


def test_an_unchanged_image_answers_304(client, settings):
    path = media_file(settings, "highlights/cirque.png", png())
    since = http_date(os.stat(path).st_mtime)
    response = client.get("/media/highlights/cirque.png", HTTP_IF_MODIFIED_SINCE=since)
    assert response.status_code == 304
    assert response["X-Content-Type-Options"] == "nosniff"


def test_media_cannot_be_posted_to(client, settings):
    media_file(settings, "highlights/cirque.png", png())
    assert client.post("/media/highlights/cirque.png").status_code == 405


def test_an_image_uploaded_in_the_admin_is_what_readers_download(editor_client, client, db):
    highlight = HighlightFactory()
    url = f"/admin/culture/highlight/{highlight.pk}/change/"
    data = admin_form_data(editor_client.get(url))
    from django.core.files.uploadedfile import SimpleUploadedFile

    data.update(
        image=SimpleUploadedFile("stage.png", png()),
        image_alt_en="A stage",
        image_alt_fr="Une scène",
    )
    assert editor_client.post(url, data).status_code == 302
    highlight.refresh_from_db()
    client.logout()
    response = client.get(highlight.image.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as image:
        assert image.size == (4, 4)


def test_the_production_configuration_serves_media(tmp_path):
    """DJANGO_DEBUG=false and the variables of .env.example, in a process of its own."""
    media = tmp_path / "media"
    (media / "highlights").mkdir(parents=True)
    (media / "highlights" / "cirque.png").write_bytes(png())
    code = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/media/highlights/cirque.png', secure=True, "
        "HTTP_HOST='relations.example.ca'); "
        "print(r.status_code, r['Content-Type'], r['X-Content-Type-Options'])"
    )
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "AWS_")) and name not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(48),
        DJANGO_ALLOWED_HOSTS="relations.example.ca",
        DJANGO_MEDIA_ROOT=str(media),
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200", "image/png", "nosniff"]
