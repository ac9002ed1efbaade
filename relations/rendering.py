"""The one renderer of profile pages: public, permalink and preview all come through here."""

from django.shortcuts import render
from django.urls import reverse, translate_url
from django.utils.translation import get_language, gettext

from relations.addresses import LANGUAGES, absolute_url
from relations.metadata import PageMetadata
from relations.snapshot import localize, upgraded

OTHER_LANGUAGE = {"en": "fr", "fr": "en"}


def page_context(
    request,
    *,
    meta: PageMetadata | None = None,
    addresses: dict[str, str] | None = None,
    alternate_url: str | None = None,
    under_index=True,
    **context,
):
    """Context every public page needs: breadcrumb, language toggle and <head> metadata.

    `addresses` are the page's paths in every language ({"en": ..., "fr": ...}); they give
    the toggle, the canonical link and the hreflang links (absolute, self included, with
    x-default: the address without a language prefix, where Django sends each reader to
    their own language). Without them, pages whose paths translate by prefix alone (the
    index) derive them. `alternate_url` alone (the admin preview) gives only the toggle.
    """
    language = get_language()
    trail = [(gettext("Home"), reverse("relations:home"))]
    if under_index:
        trail.append((gettext("Bilateral Relations"), reverse("relations:index")))
    if addresses is None and alternate_url is None:
        addresses = {lang: translate_url(request.path, lang) for lang in LANGUAGES}
    links = {}
    if addresses is not None:
        alternate_url = addresses[OTHER_LANGUAGE[language]]
        hreflang = [(lang, absolute_url(request, path)) for lang, path in addresses.items()]
        default_path = addresses["en"].removeprefix("/en")
        hreflang.append(("x-default", absolute_url(request, default_path)))
        links = {"canonical": absolute_url(request, addresses[language]), "hreflang": hreflang}
    return {
        "alternate_url": alternate_url,
        "breadcrumbs": trail,
        "meta": meta,
        "links": links,
        **context,
    }


def render_profile_page(
    request,
    document: dict,
    *,
    date_modified,
    issued=None,
    noindex=False,
    feeds=(),
    status=200,
    **context,
):
    """Render a snapshot document in the request's language.

    Extra context: `banner` ("preview" or "permalink"), `current_url`, `revision`,
    `updates_url`, `addresses` (see page_context), `alternate_url`, `profile_slug` (the
    address slug of this language, for links to the revision's files).
    A permalink is not indexed (its canonical link is itself); a preview is not followed.
    """
    page = localize(upgraded(document), get_language())
    robots = ""
    if noindex:
        robots = "noindex, nofollow"
    elif context.get("banner") == "permalink":
        robots = "noindex"
    meta = PageMetadata(
        title=page["title"],
        description=page.get("summary") or "",
        issued=issued,
        modified=date_modified,
        robots=robots,
        feeds=tuple(feeds),
    )
    context.setdefault("profile_slug", page["profile"])
    return render(
        request,
        "relations/profile_detail.html",
        page_context(request, meta=meta, page=page, date_modified=date_modified, **context),
        status=status,
    )
