"""Uploaded images: checked in bytes, format and pixels, then re-encoded by Pillow.

What reaches the media folder is a picture Pillow drew itself, so nothing an attacker hid
in the upload survives: HTML or script appended to a PNG, a GIF that is also JavaScript,
metadata (including the camera's GPS position). SVG and formats browsers do not show are
refused, and a decompression bomb is refused from its header, before any pixel is decoded.
"""

import io
import warnings
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from culture.validators import validate_image_upload

# Pillow format -> (file extension, Content-Type, what Pillow's save needs)
FORMATS = {
    "JPEG": (".jpg", "image/jpeg", {"quality": 90, "optimize": True}),
    "PNG": (".png", "image/png", {"optimize": True}),
    "GIF": (".gif", "image/gif", {}),
    "WEBP": (".webp", "image/webp", {"quality": 90}),
}

NOT_AN_IMAGE = _("Upload a valid image. This file is not a JPEG, PNG, GIF or WebP picture.")


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:.0f}" if pixels >= 10_000_000 else f"{pixels / 1_000_000:.1f}"


def image_upload_clean(*, upload) -> InMemoryUploadedFile:
    """The upload as a freshly encoded image, or a ValidationError saying what is wrong."""
    validate_image_upload(upload)  # bytes first: nothing larger is even opened
    limit = settings.MAX_IMAGE_PIXELS
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns between its own limit and twice it; ours is lower and clearer.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(upload)  # reads the header only
    except Image.DecompressionBombError as error:
        raise _too_many_pixels(None, limit) from error
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise ValidationError(NOT_AN_IMAGE, code="invalid_image") from error
    with image:
        if image.format not in FORMATS:
            raise ValidationError(NOT_AN_IMAGE, code="invalid_image")
        width, height = image.size
        if width * height > limit:
            raise _too_many_pixels((width, height), limit)
        if getattr(image, "is_animated", False):
            raise ValidationError(
                _("Animated images are not accepted; upload a still image."), code="animated"
            )
        extension, content_type, options = FORMATS[image.format]
        try:
            picture = ImageOps.exif_transpose(image)  # decodes; keeps phone photos upright
            if image.format == "JPEG" and picture.mode not in ("RGB", "L", "CMYK"):
                picture = picture.convert("RGB")
            # Pillow writes back comments and metadata it read; keep only what draws the image.
            picture.info = {k: v for k, v in picture.info.items() if k == "transparency"}
            encoded = io.BytesIO()
            picture.save(encoded, format=image.format, **options)
        except (OSError, ValueError, SyntaxError) as error:  # truncated or corrupt pixel data
            raise ValidationError(NOT_AN_IMAGE, code="invalid_image") from error
    name = PurePath(upload.name or "image").stem[:80] + extension
    size = encoded.tell()
    encoded.seek(0)
    return InMemoryUploadedFile(encoded, None, name, content_type, size, None)


def _too_many_pixels(size, limit: int) -> ValidationError:
    if size is None:
        return ValidationError(
            _(
                "This image has far more pixels than the %(limit)s megapixels accepted; "
                "resize it and upload it again."
            ),
            params={"limit": _megapixels(limit)},
            code="too_many_pixels",
        )
    width, height = size
    return ValidationError(
        _(
            "This image is %(width)s × %(height)s pixels (%(pixels)s megapixels); the largest "
            "accepted is %(limit)s megapixels. Resize it and upload it again."
        ),
        params={
            "width": width,
            "height": height,
            "pixels": _megapixels(width * height),
            "limit": _megapixels(limit),
        },
        code="too_many_pixels",
    )
