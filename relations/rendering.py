"""The one renderer of profile pages: public, permalink and preview all come through here."""

from django.shortcuts import render
from django.urls import reverse, translate_url
from django.utils.translation import get_language, gettext

from relations.snapshot import localize, upgraded

OTHER_LANGUAGE = {"en": "fr", "fr": "en"}


def page_context(request, *, under_index=True, alternate_url=None, **context):
    """Context every public page needs: the other language's URL and the breadcrumb trail."""
    trail = [(gettext("Home"), reverse("relations:home"))]
    if under_index:
        trail.append((gettext("Bilateral Relations"), reverse("relations:index")))
    if alternate_url is None:
        alternate_url = translate_url(request.path, OTHER_LANGUAGE[get_language()])
    return {"alternate_url": alternate_url, "breadcrumbs": trail, **context}


def render_profile_page(request, document: dict, *, date_modified, status=200, **context):
    """Render a snapshot document in the request's language.

    Extra context: `banner` ("preview", "older" or "withdrawn"), `current_url`,
    `revision`, `updates_url`, `noindex`, `alternate_url`.
    """
    page = localize(upgraded(document), get_language())
    return render(
        request,
        "relations/profile_detail.html",
        page_context(request, page=page, date_modified=date_modified, **context),
        status=status,
    )
