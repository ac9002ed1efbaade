"""Admin forms for publishing; the rules live in services (relations.revisions)."""

from django import forms
from django.utils.translation import gettext_lazy as _


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
