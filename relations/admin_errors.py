"""Refusals inside the admin as admin pages: what was refused, why, and what to do instead.

The public 403 page (templates/errors/403.html) speaks to readers in the site's chrome; a
person in the admin gets the admin's look, its navigation and their admin language.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _


class AdminRefusal(PermissionDenied):
    """A refusal that says why and what to do, optionally with the link that does it."""

    def __init__(self, why: str, what_to_do: str, link: str = "", link_text: str = ""):
        super().__init__(why)
        self.why, self.what_to_do, self.link, self.link_text = why, what_to_do, link, link_text


def publishers_only(profile) -> AdminRefusal:
    """What an editor reads who tries to publish, withdraw or restore."""
    return AdminRefusal(
        why=_("Only publishers may publish, schedule, withdraw or restore revisions."),
        what_to_do=_(
            "When the profile is ready, use “Ready for publishing” with a note: the "
            "publishers see it waiting on their admin home page and get an email."
        ),
        link=reverse("admin:profile_hand_off", args=[profile.pk]) if profile else "",
        link_text=_("Ready for publishing"),
    )


def is_admin_request(request) -> bool:
    return request.path_info.startswith(reverse("admin:index"))


def admin_permission_denied(request, exception=None) -> TemplateResponse:
    why = getattr(exception, "why", "") or (str(exception) if exception else "")
    context = {
        **admin.site.each_context(request),
        "title": _("You cannot do this"),
        "why": why or _("Your account does not have the permission this page needs."),
        "what_to_do": getattr(exception, "what_to_do", "")
        or _("If your work needs it, ask an administrator to add you to the right group."),
        "link": getattr(exception, "link", ""),
        "link_text": getattr(exception, "link_text", ""),
    }
    response = TemplateResponse(request, "admin/403.html", context, status=403)
    return response.render()
