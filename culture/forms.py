"""Form fields for the culture admin."""

from django import forms
from django.utils.translation import gettext as _

from culture.images import image_upload_clean
from relations.stale import StaleEditGuardForm


class SizeLimitedImageField(forms.ImageField):
    """Checks an upload's bytes, format and pixels before Pillow decodes it, then stores the
    image as Pillow re-encodes it (culture.images), so nothing hidden in the file survives."""

    def to_python(self, data):
        if data is None or not hasattr(data, "size"):
            return super().to_python(data)
        return super().to_python(image_upload_clean(upload=data))


class HighlightAdminForm(StaleEditGuardForm):
    """A browser never sends a chosen file twice: when the form comes back with errors, the
    image the editor chose is gone, so the image field says so (in its help, not as one more
    error: the image itself was fine)."""

    def full_clean(self):
        super().full_clean()
        chosen = self.is_bound and self.files.get(self.add_prefix("image"))
        if chosen and self._errors and "image" not in self._errors:
            again = _(
                "Choose the image “%(name)s” again: the form had errors, so it was not kept."
            ) % {"name": chosen.name}
            # The bound field copied the help when first read; set both.
            self.fields["image"].help_text = self["image"].help_text = again
