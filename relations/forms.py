"""Admin forms for publishing and spreadsheet imports; the rules live in services
(relations.revisions, relations.importing)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from relations.spreadsheets import megabytes


class PublishForm(forms.Form):
    go_live_at = forms.DateTimeField(
        label=_("Go live at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Eastern time (America/Toronto). Leave empty to publish now."),
    )
    is_major = forms.BooleanField(
        label=_("Major update"),
        required=False,
        initial=True,
        help_text=_(
            "Major: moves “Date modified” and is listed in “See all updates” (needs a change "
            "note). Minor: a correction such as a typo, listed only in the admin."
        ),
    )
    change_note_en = forms.CharField(
        label=_("Change note (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    change_note_fr = forms.CharField(
        label=_("Change note (French)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    expected_latest = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class CompareForm(forms.Form):
    WORKING_COPY = "working"

    old = forms.CharField(label=_("Compare"))
    new = forms.CharField(label=_("with"))


class SpreadsheetUploadForm(forms.Form):
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

    def options(self) -> dict:
        """The choices made on upload, JSON-safe (they travel in the signed confirm token)."""
        return {}


class SpreadsheetConfirmForm(forms.Form):
    """Carries the signed reference to the previewed file and the choices made on upload."""

    token = forms.CharField(widget=forms.HiddenInput)
