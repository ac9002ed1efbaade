"""Serve uploaded media (highlight images) from the local media folder, safely.

Used when media live on the app servers' shared volume (no AWS_STORAGE_BUCKET_NAME): the
files are few and small, and a CDN in front keeps them off the app servers. Only the folders
in MEDIA_PUBLIC_FOLDERS are served: spreadsheets waiting for an import's confirmation live in
the same storage and must not be. The headers make a file that is not what its name says
harmless: the Content-Type comes from a short list of image types, never from sniffing; any
other file is a download; a sandboxing Content-Security-Policy stops a document from running.
"""

import os
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
}


@require_safe
def serve_media(request, path: str):
    parts = PurePosixPath(path).parts
    if not parts or parts[0] not in settings.MEDIA_PUBLIC_FOLDERS or ".." in parts:
        raise Http404("No such file.")
    try:
        full_path = default_storage.path(path)  # refuses paths that leave the media folder
        stat = os.stat(full_path)
    except (SuspiciousFileOperation, OSError) as error:
        raise Http404("No such file.") from error
    if not os.path.isfile(full_path):
        raise Http404("No such file.")
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), stat.st_mtime):
        response = HttpResponseNotModified()
    else:
        content_type = IMAGE_TYPES.get(PurePosixPath(full_path).suffix.lower())
        response = FileResponse(
            open(full_path, "rb"),  # FileResponse closes it
            content_type=content_type or "application/octet-stream",
            as_attachment=content_type is None,
        )
    response["Last-Modified"] = http_date(stat.st_mtime)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["Cache-Control"] = f"public, max-age={settings.MEDIA_CACHE_SECONDS}"
    return response
