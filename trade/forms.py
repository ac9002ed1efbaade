"""Forms of the trade admin's spreadsheet import: what the editor uploads and chooses."""

from django import forms
from django.utils.translation import gettext_lazy as _

from relations.forms import SpreadsheetUploadForm
from relations.models import Profile
from trade.importing.services import DEFAULT_SOURCE_EN, DEFAULT_SOURCE_FR
from trade.models import Flow, TradeKind


class TradeImportForm(SpreadsheetUploadForm):
    layout = forms.ChoiceField(
        label=_("Layout"),
        required=False,
        choices=[
            ("", _("Recognise from the header")),
            ("long", _("Long: one row per figure (as exported here)")),
            ("wide", _("Wide: one row per HS chapter, one column per year")),
            ("cimt", _("Statistics Canada CIMT export")),
        ],
    )
    profile = forms.ModelChoiceField(
        label=_("Profile"),
        queryset=Profile.objects.with_partner(),
        required=False,
        help_text=_(
            "Needed for wide and CIMT sheets, and for long sheets without a profile column."
        ),
    )
    flow = forms.ChoiceField(
        label=_("Flow"),
        required=False,
        choices=[("", _("As the sheet says")), *Flow.choices],
        help_text=_("Wide and CIMT sheets: whether the figures are exports or imports."),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=TradeKind.choices,
        initial=TradeKind.MERCHANDISE,
        help_text=_("Wide sheets only; CIMT figures are merchandise."),
    )
    source_en = forms.CharField(
        label=_("Source of new figures (English)"), max_length=250, initial=DEFAULT_SOURCE_EN
    )
    source_fr = forms.CharField(
        label=_("Source of new figures (French)"), max_length=250, initial=DEFAULT_SOURCE_FR
    )

    def options(self) -> dict:
        """The choices as keyword arguments of `trade_figures_import` (the profile by pk)."""
        data = self.cleaned_data
        return {
            "layout": data["layout"] or None,
            "profile": data["profile"].pk if data["profile"] else None,
            "flow": data["flow"] or None,
            "kind": data["kind"],
            "source_en": data["source_en"],
            "source_fr": data["source_fr"],
        }
