"""Stored pages are compressed once, and each reader gets the form Accept-Encoding allows."""

import gzip

import brotli
import pytest

from relations.models import Revision
from relations.publication_clock import clock
from tests.helpers import wsgi_get

URLS = [
    "/en/relations/russia/",
    "/fr/relations/russie/revisions/1/",
    "/en/relations/",
    "/fr/relations/russie/updates/",
    "/en/relations/updates.atom",
    "/sitemap.xml",
    "/en/relations/russia/revisions/1/figures.csv",
    "/fr/relations/russie/revisions/1/figures.json",
]
DECODE = {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda body: body}
# Accept-Encoding -> the encoding the reader gets
CHOICES = [
    ("", None),
    ("identity", None),
    ("gzip", "gzip"),
    ("br", "br"),
    ("gzip, deflate, br, zstd", "br"),
    ("br;q=0, gzip;q=0.5", "gzip"),
    ("gzip;q=0", None),
    ("br;q=0, gzip;q=0", None),
    ("*", "br"),
    ("*;q=0", None),
    ("BR;Q=1.0", "br"),
    ("gzip;q=bogus, br", "br"),
]


@pytest.mark.parametrize(("accept", "encoding"), CHOICES)
def test_each_reader_gets_the_form_their_accept_encoding_allows(
    client, canada_russia, accept, encoding
):
    for url in URLS:
        # the first answer (just rendered, then stored), then a cache hit
        first, warm = (client.get(url, HTTP_ACCEPT_ENCODING=accept) for _ in range(2))
        plain = client.get(url).content
        for response in first, warm:
            assert response.status_code == 200
            assert response.get("Content-Encoding") == encoding, url
            assert "Accept-Encoding" in response["Vary"]
            assert DECODE[encoding](response.content) == plain
            assert response["Content-Length"] == str(len(response.content))


def test_compressed_forms_are_much_smaller(client, canada_russia):
    plain = client.get("/en/relations/russia/").content
    brotli_form = client.get("/en/relations/russia/", HTTP_ACCEPT_ENCODING="br").content
    gzip_form = client.get("/en/relations/russia/", HTTP_ACCEPT_ENCODING="gzip").content
    assert len(brotli_form) < len(gzip_form) < len(plain) / 2


@pytest.mark.parametrize(("accept", "encoding"), CHOICES)
def test_the_memory_fast_path_chooses_the_same_form(canada_russia, settings, accept, encoding):
    settings.PUBLICATION_CHECK_SECONDS = 60
    _, _, plain = wsgi_get("/en/relations/russia/")
    assert clock.is_fresh()
    status, headers, body = wsgi_get("/en/relations/russia/", HTTP_ACCEPT_ENCODING=accept)
    assert status == "200 OK"
    assert headers.get("Content-Encoding") == encoding
    assert headers["Vary"] == "Accept-Encoding"
    assert DECODE[encoding](body) == plain


def test_304s_vary_on_accept_encoding(client, canada_russia):
    for url in URLS:
        etag = client.get(url, HTTP_ACCEPT_ENCODING="br")["ETag"]
        response = client.get(url, HTTP_IF_NONE_MATCH=etag, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 304, url
        assert "Accept-Encoding" in response["Vary"]


def test_a_withdrawn_permalink_is_not_compressed_from_the_store(client, publisher, canada_russia):
    """Only stored pages are compressed; Django's answers (here a 410) pass unchanged."""
    from relations.revisions import revision_withdraw

    revision_withdraw(revision=Revision.objects.get(number=1), by=publisher, reason="Wrong.")
    response = client.get("/en/relations/russia/revisions/1/", HTTP_ACCEPT_ENCODING="br")
    assert response.status_code == 410
    assert "Content-Encoding" not in response


def test_static_files_are_served_brotli_compressed(settings, tmp_path, db):
    """collectstatic's WhiteNoise storage writes a .br beside each file (Brotli installed)."""
    import shutil
    from pathlib import Path

    from django.test import Client
    from whitenoise.compress import Compressor

    settings.STATIC_ROOT = tmp_path
    stylesheet = tmp_path / "css" / "site.css"
    stylesheet.parent.mkdir()
    shutil.copy(Path(settings.BASE_DIR) / "static" / "css" / "site.css", stylesheet)
    written = list(Compressor(quiet=True).compress(str(stylesheet)))
    assert str(stylesheet) + ".br" in written
    response = Client().get("/static/css/site.css", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response["Content-Encoding"] == "br"
    assert "Accept-Encoding" in response["Vary"]
    body = b"".join(response.streaming_content)
    assert brotli.decompress(body) == stylesheet.read_bytes()
