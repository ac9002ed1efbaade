"""Form fields for the culture admin."""

from django import forms

from culture.images import image_upload_clean


class SizeLimitedImageField(forms.ImageField):
    """Checks an upload's bytes, format and pixels before Pillow decodes it, then stores the
    image as Pillow re-encodes it (culture.images), so nothing hidden in the file survives."""

    def to_python(self, data):
        if data is None or not hasattr(data, "size"):
            return super().to_python(data)
        return super().to_python(image_upload_clean(upload=data))
