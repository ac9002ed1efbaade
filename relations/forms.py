"""Admin forms for publishing; the rules live in services (relations.revisions) and in
relations.schedule (what a typed go-live time means)."""

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from relations.schedule import (
    FIRST,
    INPUT_FORMAT,
    INPUT_FORMATS,
    SECOND,
    go_live_check,
    site_time_interpret,
    utc_offset,
)


class SiteTimeField(forms.DateTimeField):
    """A wall-clock time as typed, left naive: the form interprets it in the site's zone
    (relations.schedule), where a daylight-saving gap or overlap gets a clear answer."""

    input_formats = INPUT_FORMATS
    default_error_messages = {
        "invalid": _("Type the time as YYYY-MM-DD HH:MM (24-hour clock), e.g. 2026-12-01 09:00.")
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value
        for input_format in self.input_formats:
            try:
                return datetime.strptime(str(value).strip(), input_format)
            except ValueError:
                continue
        raise ValidationError(self.error_messages["invalid"], code="invalid")


class PublishForm(forms.Form):
    go_live_at = SiteTimeField(
        label=_("Go live at"),
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": _("YYYY-MM-DD HH:MM"), "autocomplete": "off", "size": 16}
        ),
        help_text=_(
            "Eastern time (America/Toronto), typed as YYYY-MM-DD HH:MM (24-hour clock), e.g. "
            "2026-12-01 09:00. Leave empty to publish now."
        ),
    )
    # Asked only when the typed time happens twice (the night the clocks go back).
    occurrence = forms.ChoiceField(
        label=_("Which one?"),
        required=False,
        choices=[(FIRST, _("the first")), (SECOND, _("the second"))],
        widget=forms.HiddenInput,
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

    def clean(self):
        cleaned = super().clean()
        occurrence = cleaned.pop("occurrence", "")
        typed = cleaned.get("go_live_at")
        if typed is not None and typed.tzinfo is None:
            try:
                cleaned["go_live_at"] = go_live_check(site_time_interpret(typed, occurrence))
            except ValidationError as error:
                if error.code == "ambiguous":
                    self._ask_which(typed)
                self.add_error("go_live_at", error)
        return cleaned

    def _ask_which(self, typed: datetime) -> None:
        """Offer both readings of a repeated time, with their UTC offsets."""
        zone = timezone.get_current_timezone()
        time = f"{typed:{INPUT_FORMAT}}"
        field = self.fields["occurrence"]
        field.widget = forms.RadioSelect()
        first, second = (utc_offset(typed.replace(tzinfo=zone, fold=fold)) for fold in (0, 1))
        field.choices = [
            (
                FIRST,
                _("%(time)s %(offset)s, the first (before the clocks go back)")
                % {"time": time, "offset": first},
            ),
            (
                SECOND,
                _("%(time)s %(offset)s, the second (after the clocks go back)")
                % {"time": time, "offset": second},
            ),
        ]


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class CompareForm(forms.Form):
    WORKING_COPY = "working"

    old = forms.CharField(label=_("Compare"))
    new = forms.CharField(label=_("with"))
