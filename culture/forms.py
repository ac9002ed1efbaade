"""Form fields for the culture admin."""

from django import forms

from culture.validators import validate_image_upload


class SizeLimitedImageField(forms.ImageField):
    """Refuses an oversize upload before Pillow opens it, so the editor hears about the size."""

    def to_python(self, data):
        if data is not None and hasattr(data, "size"):
            validate_image_upload(data)
        return super().to_python(data)
