"""Upload checks for cultural highlight images."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


def validate_image_upload(file) -> None:
    """Refuse oversize images before Pillow decodes them."""
    if file.size > settings.MAX_UPLOAD_SIZE:
        raise ValidationError(
            _("This image is %(size)s; the limit is %(limit)s."),
            params={
                "size": filesizeformat(file.size),
                "limit": filesizeformat(settings.MAX_UPLOAD_SIZE),
            },
            code="file_too_large",
        )
