"""The "Ready for publishing" screen of a profile (see relations/handoff.py)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from relations.admin_lists import ProfileFilter, ReadOnlyAdmin
from relations.handoff import hand_off_request, hand_off_waiting
from relations.models import HandOff


class HandOffForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note for the publisher"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=gettext_lazy("What changed and anything the publisher should check."),
        error_messages={
            "required": gettext_lazy(
                "Write a note for the publisher: what changed and what to check."
            )
        },
    )


class ProfileHandOffAdmin:
    """ModelAdmin mixin: /admin/relations/profile/<pk>/ready/ (needs the publishing mixin's
    _profile and _context helpers)."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/ready/", view(self.hand_off_view), name="profile_hand_off"),
            *super().get_urls(),
        ]

    def hand_off_view(self, request, pk):
        profile = self._profile(request, pk)
        form = HandOffForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            publish_url = request.build_absolute_uri(reverse("admin:profile_publish", args=[pk]))
            try:
                hand_off_request(
                    profile=profile,
                    by=request.user,
                    note=form.cleaned_data["note"],
                    publish_url=publish_url,
                )
            except ValidationError as error:
                form.add_error("note", error.message_dict.get("note", error.messages))
            else:
                messages.success(
                    request,
                    _("%(profile)s is waiting for a publisher; the publishers were emailed.")
                    % {"profile": profile},
                )
                return redirect("admin:relations_profile_change", pk)
        return TemplateResponse(
            request,
            "admin/relations/handoff/request.html",
            self._context(
                request,
                profile,
                _("Ready for publishing: %(profile)s") % {"profile": profile},
                form=form,
                waiting=hand_off_waiting(profile),
            ),
        )


@admin.register(HandOff)
class HandOffAdmin(ReadOnlyAdmin):
    """The requests to publish as an audit list: written by the service, never edited."""

    list_display = [
        "profile",
        "requested_at",
        "requested_by",
        "settled_at",
        "settled_by",
        "revision",
    ]
    list_filter = [("profile", ProfileFilter)]
    list_select_related = ["profile__partner", "requested_by", "settled_by", "revision"]
    fields = [
        "profile",
        "note",
        ("requested_at", "requested_by"),
        ("settled_at", "settled_by", "revision"),
    ]
    readonly_fields = [
        "profile",
        "note",
        "requested_at",
        "requested_by",
        "settled_at",
        "settled_by",
        "revision",
    ]
