"""Open data: each published revision's figures at a permanent URL."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import http_date
from django.utils.translation import get_language, gettext

from relations.addresses import profile_at_address, profile_path, profile_paths
from relations.metadata import PageMetadata
from relations.rendering import page_context
from relations.revisions import readable_revision
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
    build, content_type = FORMATS[extension]
    response = HttpResponse(build(revision), content_type=content_type)
    filename = f"{profile.slug}-revision-{number}-figures.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["ETag"] = f'"r{revision.pk}-figures-{extension}"'
    response["Last-Modified"] = http_date(int(revision.go_live_at.timestamp()))
    return response
