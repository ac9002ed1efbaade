"""Highlight images are limited in pixels as well as bytes, and stored as Pillow re-encodes
them: a polyglot is refused or neutralised, a decompression bomb is a form error, never a 500."""

import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from culture.models import Highlight
from tests.culture.factories import HighlightFactory
from tests.helpers import admin_form_data, page_text

SCRIPT = b"<html><script>alert(document.cookie)</script></html>"


def change_url(highlight) -> str:
    return f"/admin/culture/highlight/{highlight.pk}/change/"


def post_image(client, upload):
    """An editor attaches this file, described in both languages, to a highlight and saves."""
    highlight = HighlightFactory()
    url = change_url(highlight)
    data = admin_form_data(client.get(url))
    data.update(image=upload, image_alt_en="A stage", image_alt_fr="Une scène")
    return highlight, client.post(url, data)


def stored_files(settings) -> list[Path]:
    media = Path(settings.MEDIA_ROOT)
    return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


def encoded(image: Image.Image, kind: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=kind, **options)
    return buffer.getvalue()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_of_zeros(width: int, height: int, *, rows_stored: int | None = None) -> bytes:
    """A real greyscale PNG of `width` x `height` black pixels: tiny on disk, huge in memory.

    With rows_stored, only that many rows of pixel data follow the header (what a bomb's
    header promises is what matters: it is refused before any row is read)."""
    compressor = zlib.compressobj(9)
    row = b"\0" * (width + 1)
    data = b"".join(compressor.compress(row) for _ in range(rows_stored or height))
    data += compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", data)
        + png_chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def bomb_png() -> bytes:
    return png_of_zeros(12_000, 12_000)  # 144 megapixels in about 140 KB


def test_a_12000_pixel_square_png_is_refused_for_its_pixels(editor_client, settings, bomb_png):
    assert len(bomb_png) < 200_000
    highlight, response = post_image(editor_client, SimpleUploadedFile("big.png", bomb_png))
    assert response.status_code == 200
    text = page_text(response)
    assert (
        "This image is 12000 × 12000 pixels (144 megapixels); the largest accepted is 40 "
        "megapixels." in text
    )
    highlight.refresh_from_db()
    assert not highlight.image
    assert stored_files(settings) == []


def test_an_image_beyond_pillows_own_bomb_limit_is_a_clear_form_error(editor_client, settings):
    bomb = png_of_zeros(20_000, 20_000, rows_stored=1)  # 400 megapixels promised
    _, response = post_image(editor_client, SimpleUploadedFile("bomb.png", bomb))
    assert response.status_code == 200
    assert "far more pixels than the 40 megapixels accepted" in page_text(response)
    assert stored_files(settings) == []


def test_the_pixel_limit_is_a_setting(editor_client, settings):
    settings.MAX_IMAGE_PIXELS = 50 * 50
    small = encoded(Image.new("RGB", (60, 50), "blue"), "PNG")
    _, response = post_image(editor_client, SimpleUploadedFile("wide.png", small))
    assert "This image is 60 × 50 pixels (0.0 megapixels); the largest accepted is 0.0" in (
        page_text(response)
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param(
            "poly.png",
            encoded(Image.new("RGB", (8, 8), "red"), "PNG") + SCRIPT,
            id="png-with-html-appended",
        ),
        pytest.param(
            "poly.gif",
            encoded(Image.new("P", (8, 8), 3), "GIF", comment=SCRIPT) + b"*/=alert(1);//" + SCRIPT,
            id="gif-with-script-comment-and-tail",
        ),
        pytest.param(
            "poly.jpg",
            encoded(Image.new("RGB", (8, 8), "green"), "JPEG", comment=SCRIPT) + SCRIPT,
            id="jpeg-with-script-comment-and-tail",
        ),
        pytest.param(
            "poly.png",
            encoded(Image.new("RGB", (8, 8), "red"), "PNG")[:-12]
            + png_chunk(b"tEXt", b"Comment\0" + SCRIPT)
            + png_chunk(b"IEND", b""),
            id="png-with-script-text-chunk",
        ),
    ],
)
def test_a_polyglot_image_is_stored_without_what_it_hid(editor_client, settings, name, content):
    highlight, response = post_image(editor_client, SimpleUploadedFile(name, content))
    assert response.status_code == 302, page_text(response)
    highlight.refresh_from_db()
    stored = Path(highlight.image.path).read_bytes()
    assert b"script" not in stored
    assert b"alert" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        image.verify()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param(
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            id="svg",
        ),
        pytest.param("page.png", SCRIPT, id="html-named-png"),
        pytest.param("scan.tif", encoded(Image.new("RGB", (8, 8)), "TIFF"), id="tiff"),
        pytest.param("icon.bmp", encoded(Image.new("RGB", (8, 8)), "BMP"), id="bmp"),
        pytest.param(
            "cut.png", encoded(Image.new("RGB", (64, 64), "red"), "PNG")[:60], id="truncated-png"
        ),
    ],
)
def test_a_file_browsers_would_not_show_as_a_picture_is_refused(
    editor_client, settings, name, content
):
    highlight, response = post_image(editor_client, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert "Upload a valid image" in page_text(response)
    highlight.refresh_from_db()
    assert not highlight.image
    assert stored_files(settings) == []


def test_an_animated_image_is_refused(editor_client, settings):
    frames = [Image.new("RGB", (8, 8), colour) for colour in ("red", "green", "blue")]
    animated = encoded(frames[0], "GIF", save_all=True, append_images=frames[1:])
    _, response = post_image(editor_client, SimpleUploadedFile("moving.gif", animated))
    assert "Animated images are not accepted; upload a still image." in page_text(response)
    assert stored_files(settings) == []


def test_the_stored_name_says_what_the_image_really_is(editor_client, settings):
    jpeg = encoded(Image.new("RGB", (8, 8), "white"), "JPEG")
    highlight, response = post_image(editor_client, SimpleUploadedFile("photo.png", jpeg))
    assert response.status_code == 302
    highlight.refresh_from_db()
    assert highlight.image.name.startswith("highlights/photo")
    assert highlight.image.name.endswith(".jpg")


def test_camera_metadata_is_not_published(editor_client, settings):
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # camera maker; GPS tags travel the same way
    photo = encoded(Image.new("RGB", (8, 8), "white"), "JPEG", exif=exif.tobytes())
    assert b"SecretCam" in photo
    highlight, response = post_image(editor_client, SimpleUploadedFile("photo.jpg", photo))
    assert response.status_code == 302
    highlight.refresh_from_db()
    assert b"SecretCam" not in Path(highlight.image.path).read_bytes()
    assert Highlight.objects.get(pk=highlight.pk).image.width == 8


def test_a_french_editor_reads_the_pixel_limit_in_french(editor_client, settings):
    settings.MAX_IMAGE_PIXELS = 50 * 50
    small = encoded(Image.new("RGB", (60, 50), "blue"), "PNG")
    highlight = HighlightFactory()
    url = change_url(highlight)
    data = admin_form_data(editor_client.get(url))
    data.update(image=SimpleUploadedFile("wide.png", small), image_alt_en="A", image_alt_fr="B")
    response = editor_client.post(url, data, HTTP_ACCEPT_LANGUAGE="fr")
    assert "Cette image mesure 60 × 50 pixels" in page_text(response)
