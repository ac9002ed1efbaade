"""The profile's admin page as the editor's workspace (a ModelAdmin mixin).

- "Add profile" is one step: a partner without a profile, the year relations began, and the
  sections to start with (relations.workspace.profile_create).
- The change page shows the readiness checklist (relations.readiness) and one panel per kind
  of section, reaching every row the profile owns: counts, the filtered list, "Add … for
  this profile", and the inline panels other apps name in PROFILE_ADMIN_INLINES.
- Every item admin (`ProfileRowAdmin`): "Save and add another" keeps the profile (and the
  fields named in `kept_on_add_another`), and a change moves the profile's "Last change".
"""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from relations.models import Profile
from relations.readiness import profile_readiness
from relations.validators import validate_not_future_year, validate_plausible_year
from relations.workspace import (
    partners_without_profile,
    profile_create,
    profile_touch,
    row_links,
)

STANDARD = "standard"


class ProfileCreateForm(forms.Form):
    partner = forms.ModelChoiceField(
        label=gettext_lazy("Partner country"),
        queryset=partners_without_profile(),
        help_text=gettext_lazy(
            "Countries that have no profile yet. The page addresses are made from its names "
            "(japan, japon); you can change them afterwards."
        ),
    )
    relations_established_year = forms.IntegerField(
        label=gettext_lazy("Diplomatic relations established in"),
        validators=[validate_plausible_year, validate_not_future_year],
        help_text=gettext_lazy(
            "“Canada and Japan established diplomatic relations in 1928.” / « Le Canada et le "
            "Japon ont établi des relations diplomatiques en 1928. »"
        ),
    )
    structure = forms.ChoiceField(
        label=gettext_lazy("Sections to start with"),
        help_text=gettext_lazy(
            "The standard sections (political, trade, culture, meetings, representation) with "
            "their usual headings in both languages, or the headings of an existing profile, "
            "without its text."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners_without_profile()
        self.fields["structure"].choices = [
            (STANDARD, _("The standard five sections")),
            *(
                (str(p.pk), _("The sections of %(profile)s") % {"profile": p})
                for p in Profile.objects.with_partner()
            ),
        ]

    def structure_from(self) -> Profile | None:
        choice = self.cleaned_data["structure"]
        return None if choice == STANDARD else Profile.objects.get(pk=int(choice))


class ProfileWorkspaceAdmin:
    """Mixin for the ProfileAdmin: the one-step add, the panels and the readiness checklist."""

    def get_inlines(self, request, obj):
        return [*super().get_inlines(request, obj), *map(import_string, profile_admin_inlines())]

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ProfileCreateForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                profile = profile_create(
                    partner=form.cleaned_data["partner"],
                    relations_established_year=form.cleaned_data["relations_established_year"],
                    structure_from=form.structure_from(),
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                self.log_addition(request, profile, [{"added": {}}])
                messages.success(
                    request,
                    _(
                        "The profile of %(partner)s was created with its sections. Fill them "
                        "in below; the checklist says what the page still needs."
                    )
                    % {"partner": profile.partner},
                )
                return redirect("admin:relations_profile_change", profile.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Add profile"),
            "form": form,
            "add": True,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/relations/profile/add.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        profile = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if profile is not None:
            extra.update(workspace_context(profile))
        return super().change_view(request, object_id, form_url, extra)


def profile_admin_inlines() -> list[str]:
    return getattr(settings, "PROFILE_ADMIN_INLINES", [])


def workspace_context(profile: Profile) -> dict:
    """The checklist and the panels of the profile's page."""
    readiness = profile_readiness(profile)
    panels = [
        {
            "part": part,
            "links": [row_links(profile, model, count) for model, count in part.rows],
        }
        for part in readiness.parts
    ]
    return {"readiness": readiness, "panels": panels}


class ProfileRowAdmin:
    """Mixin for the admin of a profile's rows (meetings, figures, highlights, …)."""

    # Besides the profile, fields a "Save and add another" fills in again (e.g. the source).
    kept_on_add_another: tuple[str, ...] = ()

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        if "_addanother" in request.POST and isinstance(response, HttpResponseRedirect):
            kept = {"profile": obj.profile_id}
            for name in self.kept_on_add_another:
                value = getattr(obj, f"{name}_id", None) if hasattr(obj, f"{name}_id") else None
                kept[name] = value if value is not None else getattr(obj, name)
            separator = "&" if "?" in response["Location"] else "?"
            response["Location"] += separator + urlencode(kept)
        return response

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        profile_touch([obj.profile_id])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        profile_touch([obj.profile_id])

    def delete_queryset(self, request, queryset):
        ids = set(queryset.values_list("profile_id", flat=True))
        super().delete_queryset(request, queryset)
        profile_touch(ids)
