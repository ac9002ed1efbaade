"""Public pages: the index, each profile's live page, its permalinks and its updates.

Only published revisions are ever shown here; the working copy is seen only in the admin
preview. Responses carry validators (ETag, Last-Modified) so repeat visits get a 304.
Profile pages are reached by their address in the page's language (see addresses.py).
"""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language, gettext

from relations.addresses import (
    absolute_url,
    address_slug,
    profile_at_address,
    profile_path,
    profile_paths,
)
from relations.metadata import PageMetadata
from relations.page_cache import (
    LIVE_CACHE_CONTROL,
    PERMALINK_CACHE_CONTROL,
    live_page_etag,
    page_last_modified,
    permalink_etag,
)
from relations.rendering import page_context, render_profile_page
from relations.revisions import (
    date_modified,
    live_revision,
    published_profiles,
    published_updates,
    readable_revision,
    revision_labelled,
)
from relations.selectors import profile_first_issued, profiles_live
from relations.snapshot import localize


def home(request):
    return redirect("relations:index")


def site_feed() -> tuple[str, str]:
    """The site-wide feed of major updates, as pages announce it."""
    return gettext("Bilateral Relations: all updates"), reverse("relations:feed")


def profile_feed(profile, title: str) -> tuple[str, str]:
    return (
        gettext("%(title)s: updates") % {"title": title},
        profile_path(profile, get_language(), "relations:profile_feed"),
    )


def profile_index(request):
    language = get_language()
    entries = localize(published_profiles(), language)
    for entry in entries:
        entry["url"] = profile_path(entry, language)
    entries.sort(key=lambda entry: entry["title"])
    meta = PageMetadata(
        title=gettext("Bilateral Relations"),
        description=gettext(
            "Profiles of our relations with each partner country: political relations, "
            "trade, culture and representation."
        ),
        feeds=(site_feed(),),
    )
    response = render(
        request,
        "relations/profile_index.html",
        page_context(request, meta=meta, profiles=entries, under_index=False),
    )
    # The index changes when a profile's live page does (the page cache adds the ETag).
    if modified := [profile["modified"] for profile in profiles_live()]:
        response["Last-Modified"] = http_date(max(modified).timestamp())
    return response


def _with_validators(request, etag: str, modified, render_page, cache_control: str):
    """Answer 304 when the reader's copy is current, else render with ETag and Last-Modified."""
    last_modified = page_last_modified(modified)
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        not_modified["Cache-Control"] = cache_control
        return not_modified
    response = render_page()
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = cache_control
    return response


def _profile_page_context(profile, revision) -> dict:
    """What the live page and the permalinks share: links to updates, files and feeds."""
    language = get_language()
    title = revision.title[language]
    return {
        "revision": revision,
        "profile_slug": address_slug(profile, language),
        "updates_url": profile_path(profile, language, "relations:updates"),
        "feeds": (profile_feed(profile, title), site_feed()),
    }


@profile_at_address
def profile_detail(request, profile):
    revision = live_revision(profile)
    if revision is None:
        raise Http404("No published revision")
    modified = date_modified(revision)
    return _with_validators(
        request,
        live_page_etag(revision.pk, get_language()),
        modified,
        lambda: render_profile_page(
            request,
            revision.document,
            date_modified=modified,
            issued=profile_first_issued(profile=profile),
            addresses=profile_paths(profile),
            **_profile_page_context(profile, revision),
        ),
        LIVE_CACHE_CONTROL,
    )


@profile_at_address
def revision_detail(request, profile, number):
    """A permalink: the revision exactly as published, with a link to the current page.

    Its bytes never change, so they may be cached for a year; a withdrawn one answers 410.
    It is not indexed (the live page is), and its canonical link is itself.
    """
    revision = readable_revision(slug=profile.slug, number=number)
    current_url = profile_path(profile, get_language())
    addresses = profile_paths(profile, "relations:revision", number=number)
    if revision.withdrawn_at:
        return render(
            request,
            "relations/revision_withdrawn.html",
            page_context(
                request,
                meta=PageMetadata(
                    title=gettext("This version was withdrawn"), robots="noindex, nofollow"
                ),
                addresses=addresses,
                revision=revision,
                current_url=current_url,
            ),
            status=410,
        )
    modified = date_modified(revision)
    return _with_validators(
        request,
        permalink_etag(revision.pk, get_language()),
        modified,
        lambda: render_profile_page(
            request,
            revision.document,
            date_modified=modified,
            issued=revision.go_live_at,
            addresses=addresses,
            banner="permalink",
            current_url=current_url,
            **_profile_page_context(profile, revision),
        ),
        PERMALINK_CACHE_CONTROL,
    )


@profile_at_address
def revision_of_month(request, profile, month):
    """/relations/russia/2012-08/: the revision published as "August 2012", by its label."""
    revision = revision_labelled(slug=profile.slug, month=month)
    if revision is None:
        raise Http404("No revision of that month")
    return redirect(
        profile_path(profile, get_language(), "relations:revision", number=revision.number)
    )


@profile_at_address
def profile_updates(request, profile):
    now = timezone.now()
    live = live_revision(profile, now)
    if live is None:
        raise Http404("No published revision")
    language = get_language()
    updates = [
        {
            "date": timezone.localtime(update.go_live_at),
            "label": update.label[language],
            "note": getattr(update, f"change_note_{language}"),
            "url": profile_path(profile, language, "relations:revision", number=update.number),
        }
        for update in published_updates(profile, now)
    ]
    title = live.title[language]
    meta = PageMetadata(
        title=gettext("Updates: %(title)s") % {"title": title},
        description=gettext("The dated major updates of the %(title)s page.") % {"title": title},
        issued=profile_first_issued(profile=profile),
        modified=date_modified(live),
        feeds=(profile_feed(profile, title), site_feed()),
    )
    response = render(
        request,
        "relations/profile_updates.html",
        page_context(
            request,
            meta=meta,
            addresses=profile_paths(profile, "relations:updates"),
            title=title,
            profile_url=profile_path(profile, language),
            updates=updates,
            date_modified=date_modified(live),
        ),
    )
    response["Last-Modified"] = http_date(date_modified(live).timestamp())
    return response


def robots_txt(request):
    """Crawl everything public; the admin is not for search engines. Names the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /healthz",
        "",
        f"Sitemap: {absolute_url(request, reverse('sitemap'))}",
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response
