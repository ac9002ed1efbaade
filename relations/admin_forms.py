"""Admin form pieces shared by every app's admin."""

from django.utils.translation import gettext_lazy as _

from relations.stale import StaleEditGuardInlineFormSet


class LabelledInlineFormSet(StaleEditGuardInlineFormSet):
    """Tabular inlines show column headings, not labels: give each field an accessible name.

    (Its rows are guarded against stale edits like every inline's: relations.stale.)

    Without it a screen reader announces a row of unnamed boxes (axe: label, select-name).
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name, field in form.fields.items():
            if field.widget.is_hidden:
                continue
            # A related field's select sits inside the admin's wrapper (the +, ✎ links).
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs.setdefault("aria-label", str(field.label or name))
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["aria-label"] = str(_("Delete this row"))
