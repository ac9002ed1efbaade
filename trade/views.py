"""Open data: each published revision's figures at a permanent URL."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import http_date

from relations.rendering import page_context
from relations.revisions import readable_revision
from trade.downloads import figures_csv, figures_json

FORMATS = {
    "csv": (figures_csv, "text/csv; charset=utf-8"),
    "json": (figures_json, "application/json"),
}


def revision_figures(request, slug, number, extension):
    revision = readable_revision(slug=slug, number=number)
    if revision.withdrawn_at:
        return render(
            request,
            "relations/revision_withdrawn.html",
            page_context(
                request,
                revision=revision,
                current_url=reverse("relations:profile", kwargs={"slug": slug}),
            ),
            status=410,
        )
    build, content_type = FORMATS[extension]
    response = HttpResponse(build(revision), content_type=content_type)
    filename = f"{slug}-revision-{number}-figures.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["ETag"] = f'"r{revision.pk}-figures-{extension}"'
    response["Last-Modified"] = http_date(int(revision.go_live_at.timestamp()))
    return response
