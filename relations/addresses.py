"""Public addresses of profiles: each language has its own slug (/fr/relations/russie/).

The one rule "which field holds the slug of a language" lives here, used by the views, the
page cache, the sitemap and the feeds. A profile's address in the other language (the
English slug under /fr/, or the French one under /en/) redirects permanently to the right
one, so links written before French addresses existed keep working.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from relations.models import Profile

LANGUAGES = ("en", "fr")
SLUG_FIELDS = {"en": "slug", "fr": "slug_fr"}


def slug_field(language: str) -> str:
    """The Profile field that holds the address of a language's page."""
    return SLUG_FIELDS.get(language, "slug")


def profile_lookup(*, language: str, slug: str, prefix: str = "") -> dict[str, str]:
    """Filter arguments finding the profile whose `language` address is `slug`.

    `prefix` reaches the profile through a relation, e.g. "profile__" from a revision.
    """
    return {f"{prefix}{slug_field(language)}": slug}


def address_slug(profile, language: str) -> str:
    """The slug of the profile's page in `language` (a Profile, or a dict of its values)."""
    field = slug_field(language)
    return profile[field] if isinstance(profile, dict) else getattr(profile, field)


def profile_path(profile, language: str, view: str = "relations:profile", **kwargs) -> str:
    """The path of one of the profile's pages in `language`, e.g. /fr/relations/russie/."""
    with translation.override(language):
        return reverse(view, kwargs={"slug": address_slug(profile, language), **kwargs})


def profile_paths(profile, view: str = "relations:profile", **kwargs) -> dict[str, str]:
    """The paths of one of the profile's pages in every language: {"en": ..., "fr": ...}."""
    return {language: profile_path(profile, language, view, **kwargs) for language in LANGUAGES}


def absolute_url(request, path: str) -> str:
    """`path` on the site's public origin: SITE_URL when set, else the request's own host.

    Pages are stored and shared between app servers, so production sets SITE_URL and every
    canonical link, sitemap and feed names the same host whatever the request said.
    """
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/") + path
    return request.build_absolute_uri(path)


def site_origin() -> tuple[str, str] | None:
    """(scheme, host) of SITE_URL, or None when the request's own host is used."""
    if not settings.SITE_URL:
        return None
    parts = urlsplit(settings.SITE_URL)
    return parts.scheme, parts.netloc


def profile_at_address(view):
    """Decorate a public view taking `slug`: it receives the Profile instead.

    The address in the other language redirects (301) to the same page at the right one;
    an address no profile has is 404.
    """

    @wraps(view)
    def wrapper(request, slug, **kwargs):
        language = translation.get_language()
        profile = (
            Profile.objects.with_partner().filter(**profile_lookup(language=language, slug=slug))
        ).first()
        if profile is not None:
            return view(request, profile, **kwargs)
        other = next(lang for lang in LANGUAGES if lang != language)
        profile = Profile.objects.filter(**profile_lookup(language=other, slug=slug)).first()
        if profile is None:
            raise Http404("No profile at this address")
        location = reverse(
            request.resolver_match.view_name,
            kwargs={**kwargs, "slug": address_slug(profile, language)},
        )
        if query := request.META.get("QUERY_STRING"):
            location = f"{location}?{query}"
        return redirect(location, permanent=True)

    return wrapper
