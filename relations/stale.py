"""Refuse admin saves made on stale data, and tell the editor what changed meanwhile.

The change form carries a signed copy of the row as it was when the editor opened it. On
save, the row is read again under a lock; if anyone changed it since, the save is refused
with the list of changed fields (old → new), and nothing is overwritten.
"""

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

STATE_FIELD = "_original_state"
SIGNER_SALT = "relations.stale-edit"


def row_state(instance) -> dict[str, str]:
    return {
        field.attname: "" if (value := getattr(instance, field.attname)) is None else str(value)
        for field in instance._meta.concrete_fields
        if not field.primary_key and not getattr(field, "auto_now", False)
    }


def signed_state(instance) -> str:
    return signing.dumps(row_state(instance), salt=SIGNER_SALT, compress=True)


class StaleEditGuardForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        token = self.data.get(STATE_FIELD)
        if not self.instance.pk or not token:
            return cleaned
        try:
            original = signing.loads(token, salt=SIGNER_SALT)
        except signing.BadSignature as error:
            raise ValidationError(_("This form was tampered with; reload the page.")) from error
        model = type(self.instance)
        current = row_state(model._base_manager.select_for_update().get(pk=self.instance.pk))
        changed = [name for name in current if current[name] != original.get(name)]
        if changed:
            details = "; ".join(
                f"{_field_label(model, name)}: “{original.get(name, '')}” → “{current[name]}”"
                for name in changed
            )
            raise ValidationError(
                _(
                    "Someone else saved this item while you were editing it, so your changes "
                    "were not saved. What they changed: %(details)s. Review the form and save "
                    "again to keep your version."
                ),
                code="stale",
                params={"details": details},
            )
        return cleaned


def _field_label(model, attname: str) -> str:
    for field in model._meta.concrete_fields:
        if field.attname == attname:
            return str(field.verbose_name)
    return attname


class StaleEditGuardAdmin:
    """ModelAdmin mixin: every change form refuses saves made on stale data."""

    form = StaleEditGuardForm
    change_form_template = "admin/stale_guard_change_form.html"

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            # After a refused save the token shows the current row: saving again is deliberate.
            context["original_state"] = signed_state(type(obj)._base_manager.get(pk=obj.pk))
        return super().render_change_form(request, context, add, change, form_url, obj)
