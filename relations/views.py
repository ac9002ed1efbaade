"""Public pages: the index of profiles and each profile's page, in the URL's language."""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, translate_url
from django.utils.translation import get_language, gettext

from relations.formatting import month_year
from relations.models import Country, Profile
from relations.snapshot import localize, profile_snapshot, profile_title

OTHER_LANGUAGE = {"en": "fr", "fr": "en"}


def page_context(request, **context):
    """Context every public page needs: the other language's URL and the breadcrumb trail."""
    language = get_language()
    trail = [(gettext("Home"), reverse("relations:home"))]
    if context.pop("under_index", True):
        trail.append((gettext("Bilateral Relations"), reverse("relations:index")))
    return {
        "alternate_url": translate_url(request.path, OTHER_LANGUAGE[language]),
        "breadcrumbs": trail,
        **context,
    }


def home(request):
    return redirect("relations:index")


def profile_index(request):
    language = get_language()
    home = Country.objects.home()
    profiles = [
        {
            "title": profile_title(home, profile.partner)[language],
            "slug": profile.slug,
            "label": month_year(profile.as_of, language),
        }
        for profile in Profile.objects.with_partner()
    ]
    profiles.sort(key=lambda profile: profile["title"])
    return render(
        request,
        "relations/profile_index.html",
        page_context(request, profiles=profiles, under_index=False),
    )


def profile_detail(request, slug):
    profile = get_object_or_404(Profile.objects.with_partner(), slug=slug)
    page = localize(profile_snapshot(profile), get_language())
    return render(
        request,
        "relations/profile_detail.html",
        page_context(request, page=page, date_modified=profile.updated_at),
    )
