"""Admin form pieces shared by every app's admin."""

from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _


class LabelledInlineFormSet(BaseInlineFormSet):
    """Tabular inlines show column headings, not labels: give each field an accessible name.

    Without it a screen reader announces a row of unnamed boxes (axe: label, select-name).
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name, field in form.fields.items():
            field.widget.attrs.setdefault("aria-label", str(field.label or name))
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["aria-label"] = str(_("Delete this row"))
