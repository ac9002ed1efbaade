"""The forms of the admin's import screens: the upload, and the confirmation of a preview."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from relations.spreadsheets.files import megabytes


class UploadForm(forms.Form):
    """The file an editor uploads for an import preview, refused early when too large."""

    import_file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (UTF-8 or Windows-1252) or XLSX; only the first sheet is read."),
    )

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > settings.MAX_UPLOAD_SIZE:
            raise forms.ValidationError(
                _("The file is %(size)s; the largest file accepted is %(limit)s."),
                params={
                    "size": megabytes(upload.size),
                    "limit": megabytes(settings.MAX_UPLOAD_SIZE),
                },
            )
        return upload


class ConfirmForm(forms.Form):
    """Carries the signed reference to the previewed file and the choices made on upload."""

    token = forms.CharField(widget=forms.HiddenInput)
