"""Refuse admin saves made on stale data, and tell the editor what changed meanwhile.

Every change form, and every row of its inlines, carries a signed copy of its row as it was
when the editor opened the page (the hidden `_original_state`). On save each row is read
again under a lock and compared with that copy:

- nobody changed it since: it is saved as usual;
- someone changed it, and this editor left the row as it was: their version is kept (this
  editor's stale copy of the row is not written back over it);
- someone changed it and this editor changed it too, or ticked it for deletion: the save is
  refused with what changed (old → new) and nothing is written. The editor's input stays in
  the form and the row's copy now shows the current row, so saving again is a deliberate
  choice to overwrite (or delete).

A save of an existing row without its copy, or with a forged one, is refused: the guard could
not tell what the editor saw.
"""

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

STATE_FIELD = "_original_state"
SIGNER_SALT = "relations.stale-edit"

STALE_MESSAGE = _(
    "Someone else saved this item while you were editing it, so your changes were not saved. "
    "What they changed: %(details)s. Review the form and save again to keep your version."
)
STALE_DELETE_MESSAGE = _(
    "“%(row)s” was changed by someone else since you opened this page, so it was not deleted "
    "and nothing was saved. What they changed: %(details)s. Save again to delete it anyway, or "
    "untick “Delete” to keep it."
)
MISSING_MESSAGE = _(
    "This form does not say which version of “%(row)s” you edited, so nothing was saved. "
    "Reload the page and make your changes again."
)
TAMPERED_MESSAGE = _("This form was tampered with; reload the page.")


def _guarded_fields(instance):
    return [
        field
        for field in instance._meta.concrete_fields
        if not field.primary_key and not getattr(field, "auto_now", False)
    ]


def _as_text(value) -> str:
    return "" if value is None else str(value)


def row_state(instance) -> dict[str, str]:
    """The row as text, one entry per field an editor or import can change."""
    return {
        field.attname: _as_text(getattr(instance, field.attname))
        for field in _guarded_fields(instance)
    }


def signed_state(instance) -> str:
    return signing.dumps(row_state(instance), salt=SIGNER_SALT, compress=True)


class StateField(forms.CharField):
    """The hidden signed copy; never counts as a change the editor made."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, label="", **kwargs)

    def has_changed(self, initial, data):
        return False


class StaleEditGuardForm(forms.ModelForm):
    """A model form that refuses to save over changes made since it was opened.

    The admin renders `_original_state` with the form (StaleEditGuardAdmin,
    StaleEditGuardInline). Inline rows are read under lock by their formset; a change form
    reads its row again under lock when it is cleaned.
    """

    _original_state = StateField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.changed_since: dict[str, tuple[str, str]] = {}
        self.token_problem: ValidationError | None = None
        self.kept_theirs = False
        self._current = None
        if self._guards_a_row() and not self.is_bound:
            self.initial[STATE_FIELD] = signed_state(self.instance)

    def _guards_a_row(self) -> bool:
        return not self.instance._state.adding

    def remember_current_row(self) -> None:
        """Called by the formset, whose rows are read under lock: keep them as read."""
        self._current = {
            field.attname: getattr(self.instance, field.attname)
            for field in _guarded_fields(self.instance)
        }

    def _current_row(self) -> dict:
        if self._current is None:
            model = type(self.instance)
            row = model._base_manager.select_for_update().get(pk=self.instance.pk)
            self._current = {
                field.attname: getattr(row, field.attname) for field in _guarded_fields(row)
            }
        return self._current

    def _post_clean(self):
        super()._post_clean()
        if not (self.is_bound and self._guards_a_row()):
            return
        token = self.data.get(self.add_prefix(STATE_FIELD))
        if not token:
            self.token_problem = ValidationError(
                MISSING_MESSAGE, code="stale_token_missing", params={"row": self._row_name()}
            )
        else:
            try:
                original = signing.loads(token, salt=SIGNER_SALT)
            except signing.BadSignature:
                self.token_problem = ValidationError(TAMPERED_MESSAGE, code="stale_token_forged")
        if self.token_problem:
            self.add_error(None, self.token_problem)
            return
        current = {name: _as_text(value) for name, value in self._current_row().items()}
        self.changed_since = {
            name: (original.get(name, ""), now)
            for name, now in current.items()
            if now != original.get(name)
        }
        if not self.changed_since:
            return
        if not self._edited_since(original):
            # This editor's copy of the row is stale but untouched: keep what is there now.
            for name, value in self._current_row().items():
                setattr(self.instance, name, value)
            self.kept_theirs = True
            return
        self.add_error(
            None,
            ValidationError(STALE_MESSAGE, code="stale", params={"details": self.what_changed()}),
        )
        self.show_current_state()

    def _edited_since(self, original: dict[str, str]) -> bool:
        """Whether the editor's input differs from the row as they opened it."""
        for field in _guarded_fields(self.instance):
            if field.name not in self.fields or field.attname not in original:
                continue
            value = getattr(self.instance, field.attname)
            seen = original[field.attname]
            if seen == "":
                if value not in (None, ""):
                    return True
                continue
            try:
                if field.to_python(seen) != value:
                    return True
            except ValidationError:
                return True
        return False

    def what_changed(self) -> str:
        model = type(self.instance)
        return "; ".join(
            f"{_field_label(model, name)}: “{old}” → “{new}”"
            for name, (old, new) in self.changed_since.items()
        )

    def show_current_state(self) -> None:
        """After a refusal the copy shows the row as it is now, so saving again overwrites it."""
        current = type(self.instance)(**self._current_row())
        self.data = self.data.copy()
        self.data[self.add_prefix(STATE_FIELD)] = signed_state(current)

    def _row_name(self) -> str:
        return str(self.instance)

    def has_changed(self):
        return not self.kept_theirs and super().has_changed()

    @property
    def changed_data(self):
        return [] if self.kept_theirs else super().changed_data


def _field_label(model, attname: str) -> str:
    for field in model._meta.concrete_fields:
        if field.attname == attname:
            return str(field.verbose_name)
    return attname


class StaleEditGuardInlineFormSet(BaseInlineFormSet):
    """Reads its rows under lock, and refuses to delete a row changed since the page opened."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            # Two simultaneous saves cannot both pass the check (PostgreSQL; the admin's
            # change view is one transaction).
            self.queryset = self.queryset.select_for_update()

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if self.is_bound and isinstance(form, StaleEditGuardForm) and form._guards_a_row():
            form.remember_current_row()
        return form

    def clean(self):
        super().clean()
        refusals = []
        for form in self.forms:
            if not (
                isinstance(form, StaleEditGuardForm)
                and form._guards_a_row()
                and self.can_delete
                and self._should_delete_form(form)
            ):
                continue
            if form.token_problem:
                refusals.append(form.token_problem)
            elif form.changed_since:
                refusals.append(
                    ValidationError(
                        STALE_DELETE_MESSAGE,
                        code="stale_delete",
                        params={"row": form._row_name(), "details": form.what_changed()},
                    )
                )
                form.show_current_state()
        if refusals:
            raise ValidationError(refusals)


def _with_state_field(fieldsets):
    """The fieldsets plus a last, hidden line holding the signed copy."""
    *first, (name, options) = fieldsets
    return [*first, (name, {**options, "fields": [*options["fields"], STATE_FIELD]})]


class StaleEditGuardAdmin:
    """ModelAdmin mixin: the change form refuses saves made on stale data."""

    form = StaleEditGuardForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and self.has_change_permission(request, obj):
            return _with_state_field(fieldsets)
        return fieldsets


class StaleEditGuardInline:
    """InlineModelAdmin mixin: every existing row refuses saves and deletions on stale data."""

    form = StaleEditGuardForm
    formset = StaleEditGuardInlineFormSet

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.has_change_permission(request, obj):
            return _with_state_field(fieldsets)
        return fieldsets
