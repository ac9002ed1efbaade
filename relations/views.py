"""Public pages: the index, each profile's live page, its permalinks and its updates.

Only published revisions are ever shown here; the working copy is seen only in the admin
preview. Responses carry validators (ETag, Last-Modified) so repeat visits get a 304.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language

from relations.models import Profile
from relations.page_cache import (
    LIVE_CACHE_CONTROL,
    PERMALINK_CACHE_CONTROL,
    live_page_etag,
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
from relations.snapshot import localize


def home(request):
    return redirect("relations:index")


def profile_index(request):
    entries = localize(published_profiles(), get_language())
    entries.sort(key=lambda entry: entry["title"])
    return render(
        request,
        "relations/profile_index.html",
        page_context(request, profiles=entries, under_index=False),
    )


def _with_validators(request, etag: str, modified, render_page, cache_control: str):
    """Answer 304 when the reader's copy is current, else render with ETag and Last-Modified."""
    last_modified = int(modified.timestamp())
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        not_modified["Cache-Control"] = cache_control
        return not_modified
    response = render_page()
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = cache_control
    return response


def profile_detail(request, slug):
    profile = get_object_or_404(Profile, slug=slug)
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
            revision=revision,
            updates_url=reverse("relations:updates", kwargs={"slug": slug}),
        ),
        LIVE_CACHE_CONTROL,
    )


def revision_detail(request, slug, number):
    """A permalink: the revision exactly as published, with a link to the current page.

    Its bytes never change, so they may be cached for a year; a withdrawn one answers 410.
    """
    revision = readable_revision(slug=slug, number=number)
    current_url = reverse("relations:profile", kwargs={"slug": slug})
    if revision.withdrawn_at:
        return render(
            request,
            "relations/revision_withdrawn.html",
            page_context(request, revision=revision, current_url=current_url),
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
            revision=revision,
            banner="permalink",
            current_url=current_url,
            updates_url=reverse("relations:updates", kwargs={"slug": slug}),
        ),
        PERMALINK_CACHE_CONTROL,
    )


def revision_of_month(request, slug, month):
    """/relations/russia/2012-08/: the revision published as "August 2012", by its label."""
    revision = revision_labelled(slug=slug, month=month)
    if revision is None:
        raise Http404("No revision of that month")
    return redirect("relations:revision", slug=slug, number=revision.number)


def profile_updates(request, slug):
    profile = get_object_or_404(Profile, slug=slug)
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
            "url": reverse("relations:revision", kwargs={"slug": slug, "number": update.number}),
        }
        for update in published_updates(profile, now)
    ]
    return render(
        request,
        "relations/profile_updates.html",
        page_context(
            request,
            title=live.document["title"][language],
            profile_url=reverse("relations:profile", kwargs={"slug": slug}),
            updates=updates,
            date_modified=date_modified(live),
        ),
    )
