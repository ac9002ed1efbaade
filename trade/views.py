"""Open data: each published revision's figures at a permanent URL."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language, gettext

from relations.addresses import profile_at_address, profile_path, profile_paths
from relations.metadata import PageMetadata
from relations.page_cache import PERMALINK_CACHE_CONTROL, figures_etag, page_last_modified
from relations.rendering import page_context
from relations.revisions import date_modified, readable_revision
from trade.downloads import figures_csv, figures_json

FORMATS = {
    "csv": (figures_csv, "text/csv; charset=utf-8"),
    "json": (figures_json, "application/json"),
}


@profile_at_address
def revision_figures(request, profile, number, extension):
    revision = readable_revision(slug=profile.slug, number=number)
    if revision.withdrawn_at:
        return render(
            request,
            "relations/revision_withdrawn.html",
            page_context(
                request,
                meta=PageMetadata(
                    title=gettext("This version was withdrawn"), robots="noindex, nofollow"
                ),
                addresses=profile_paths(profile, "relations:revision", number=number),
                revision=revision,
                current_url=profile_path(profile, get_language()),
            ),
            status=410,
        )
    # Stored by the page cache like a permalink, under the same validators (see page_cache).
    etag = figures_etag(revision.pk, get_language(), extension)
    last_modified = page_last_modified(date_modified(revision))
    if not_modified := get_conditional_response(request, etag=etag, last_modified=last_modified):
        not_modified["Cache-Control"] = PERMALINK_CACHE_CONTROL
        return not_modified
    build, content_type = FORMATS[extension]
    response = HttpResponse(build(revision), content_type=content_type)
    filename = f"{profile.slug}-revision-{number}-figures.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = PERMALINK_CACHE_CONTROL
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    return response
